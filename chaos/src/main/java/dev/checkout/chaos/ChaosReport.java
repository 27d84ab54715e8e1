package dev.checkout.chaos;

import java.util.List;

/** The table of runs, and the last line {@code N runs, M violations}. */
final class ChaosReport {

    private ChaosReport() {
    }

    static void header() {
        System.out.printf("%-4s %-45s %5s %5s %5s %8s %s%n", "run", "scenario", "ok", "fail", "unkn", "settle", "violations");
    }

    static void row(ChaosRun.Result result) {
        History history = result.history();
        String outcome = result.error() != null ? "ERROR " + result.error()
                : result.violations().isEmpty() ? "0" : result.violations().size() + "";
        System.out.printf("%-4d %-45s %5d %5d %5d %7.1fs %s%n", result.number(), result.scenario().name(),
                history.count(History.Outcome.OK), history.count(History.Outcome.FAIL), history.count(History.Outcome.UNKNOWN),
                result.settleMillis() / 1000.0, outcome);
        if (result.note() != null) {
            System.out.println("       note: " + result.note());
        }
        result.settling().forEach(line -> System.out.println("       " + line));
        result.violations().forEach(v -> System.out.println("       " + v));
        var refusals = history.submissions().stream().filter(s -> s.outcome() != History.Outcome.OK)
                .collect(java.util.stream.Collectors.groupingBy(s -> s.status() + " " + s.code(), java.util.stream.Collectors.counting()));
        if (!refusals.isEmpty()) {
            System.out.println("       answers other than 202: " + refusals);
        }
        System.out.flush();
    }

    static long footer(List<ChaosRun.Result> results) {
        long violations = results.stream().mapToLong(r -> r.violations().size() + (r.error() != null ? 1 : 0)).sum();
        System.out.println(results.size() + " runs, " + violations + " violations");
        return violations;
    }
}
