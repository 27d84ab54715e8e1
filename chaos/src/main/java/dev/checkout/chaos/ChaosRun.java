package dev.checkout.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/** One run: set up, run the workload while the scenario's fault happens, let the system settle, check the invariants. */
final class ChaosRun {

    static final Duration SETTLE_WITHIN = Duration.ofSeconds(60);
    /** Orders of two lines sent back in a refund scenario: one line of each, and the whole of every other one. */
    static final int RETURN_JOURNEYS = 4;

    /** @param settling what was still moving, every ten seconds while the system settled */
    record Result(int number, Scenario scenario, long seed, History history, long settleMillis, List<Invariants.Violation> violations,
                  String error, String note, List<String> settling) {
        boolean passed() {
            return error == null && violations.isEmpty();
        }
    }

    static Result run(Cluster cluster, int number, Scenario scenario, long seed, int operations) {
        History history = new History();
        try {
            Random random = new Random(seed);
            cluster.startStopped();
            Workload workload = new Workload(cluster, history, seed);
            workload.setUp(3, 12, 6);
            FlashSaleRush rush = scenario.hasFlashSale() ? new FlashSaleRush(cluster, history, seed, scenario.flashSaleUnits()) : null;
            if (rush != null) {
                rush.setUp(scenario.flashSaleUnits() * 4 / 3); // about twice the units asked for: it sells out
            }
            scenario.prepare().inject(cluster, random);
            Throwable[] faultFailure = new Throwable[1];
            String[] note = new String[1];
            Thread fault = Thread.ofPlatform().name("fault").start(() -> {
                try {
                    note[0] = scenario.fault().inject(cluster, random);
                } catch (Throwable e) {
                    faultFailure[0] = e;
                }
            });
            Thread returns = null;
            Throwable[] returnsFailure = new Throwable[1];
            if (scenario.name().startsWith(Scenario.REFUND_PREFIX)) {
                ReturnJourneys journeys = new ReturnJourneys(cluster, workload);
                returns = Thread.ofPlatform().name("returns").start(() -> {
                    try {
                        journeys.run(RETURN_JOURNEYS);
                    } catch (Throwable e) {
                        returnsFailure[0] = e;
                    }
                });
            }
            Thread sale = rush == null ? null : Thread.ofPlatform().name("flash-sale").start(() -> {
                try {
                    rush.run(Duration.ofMinutes(3));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            workload.run(operations, 6);
            if (sale != null) {
                sale.join();
            }
            if (returns != null) {
                returns.join(Duration.ofMinutes(5));
                if (returnsFailure[0] != null) {
                    throw new IllegalStateException("the return journeys failed", returnsFailure[0]);
                }
            }
            if ("baseline".equals(scenario.name()) || scenario.name().startsWith("gateway")) {
                workload.concurrentDuplicates(10);
            }
            fault.join(Duration.ofMinutes(3));
            if (faultFailure[0] != null) {
                throw new IllegalStateException("the fault could not be injected", faultFailure[0]);
            }
            Invariants invariants = new Invariants(cluster);
            long started = System.nanoTime();
            List<String> settling = new java.util.ArrayList<>();
            boolean settled = awaitSettled(invariants, settling);
            long settleMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            List<Workload.Product> products = new java.util.ArrayList<>(workload.products());
            List<Invariants.Violation> violations = new java.util.ArrayList<>();
            if (rush != null) {
                products.add(rush.product());
                violations.addAll(rush.check(new Database(cluster.addresses())));
            }
            violations.addAll(0, invariants.check(products, history, settleMillis, settled));
            return new Result(number, scenario, seed, history, settleMillis, violations, null, note[0], settling);
        } catch (Exception e) {
            // Every cause, not only the root: a service that did not start in time ends in Awaitility's timeout, whose
            // cause is the last connection refused, which alone reads like a network fault.
            StringBuilder error = new StringBuilder(firstLine(e));
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                error.append(" <- ").append(firstLine(cause));
            }
            return new Result(number, scenario, seed, history, -1, List.of(), error.toString(), null, List.of());
        }
    }

    private static String firstLine(Throwable failure) {
        String text = failure.toString();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static boolean awaitSettled(Invariants invariants, List<String> settling) {
        long started = System.nanoTime();
        long deadline = started + SETTLE_WITHIN.toNanos();
        long nextReport = started + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String unsettled = invariants.unsettled();
                if (unsettled.isEmpty()) {
                    return true;
                }
                if (System.nanoTime() > nextReport) {
                    settling.add("still settling after " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s: " + unsettled);
                    nextReport += Duration.ofSeconds(10).toNanos();
                }
            } catch (RuntimeException databaseStillComingBack) {
                // PostgreSQL may still be recovering after a restart
            }
            Cluster.sleep(Duration.ofMillis(500));
        }
        return false;
    }
}
