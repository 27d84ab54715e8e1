package dev.checkout.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.checkout.platform.testing.ServiceProcess;

/**
 * {@code ./checkout chaos [--runs N] [--seed S] [--scenario NAME[,NAME...]] [--operations K]}: N runs of randomly
 * picked scenarios (or the named ones, in turn), a table of runs, faults and violations, and a last line
 * {@code N runs, M violations}; the exit code is 1 when M > 0. {@code ./checkout chaos fuzz} runs the hostile-input
 * campaign instead (see {@link FuzzCampaign}).
 */
public final class ChaosMain {

    private ChaosMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("fuzz")) {
            System.exit(FuzzCampaign.main(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        int runs = 10;
        long seed = System.currentTimeMillis();
        List<String> names = new ArrayList<>();
        int operations = 40;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--scenario", "--scenarios" -> names.addAll(List.of(args[++i].split(",")));
                case "--operations" -> operations = Integer.parseInt(args[++i]);
                case "--list" -> {
                    Scenario.all().forEach(s -> System.out.printf("%-45s %s%n", s.name(), s.description()));
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        ServiceProcess.applicationJar();
        // The in-process gateway's Tomcat logs through java.util.logging; its start and stop lines are noise here.
        java.util.logging.Logger.getLogger("org.apache").setLevel(java.util.logging.Level.WARNING);
        System.out.printf("chaos: %d runs, seed %d%n", runs, seed);
        Random random = new Random(seed);
        List<Scenario> scenarios = Scenario.all();
        List<ChaosRun.Result> results = new ArrayList<>();
        Cluster started = Cluster.start();
        // Ctrl-C must not leave four service processes and three servers behind.
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "chaos-stop"));
        try (Cluster cluster = started) {
            ChaosReport.header();
            for (int run = 1; run <= runs; run++) {
                Scenario scenario = names.isEmpty() ? scenarios.get(random.nextInt(scenarios.size()))
                        : Scenario.named(names.get((run - 1) % names.size()));
                ChaosRun.Result result = ChaosRun.run(cluster, run, scenario, random.nextLong(), operations);
                results.add(result);
                ChaosReport.row(result);
            }
        }
        long violations = ChaosReport.footer(results);
        System.exit(violations > 0 ? 1 : 0);
    }
}
