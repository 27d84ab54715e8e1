package dev.checkout.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fault suite's fixed set, as CI runs it: one run of each kind of fault (a crash of each service at its worst
 * moment, a gateway that loses answers, the broker restarted, Redis flushed, poison messages) on one cluster of
 * service processes, each ending with every invariant intact. The randomized full set is {@code ./checkout chaos}.
 */
class ChaosIT {

    private static final long SEED = 20261122L;
    private static final int OPERATIONS = 30;

    static Cluster cluster;
    static int runs;

    @BeforeAll
    static void startTheCluster() {
        cluster = Cluster.start();
        ChaosReport.header();
    }

    @AfterAll
    static void stopTheCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "baseline",
            "order-crash@saga.charge_payment.after-commit",
            "payment-crash@after-gateway-charge",
            "inventory-crash@reserve.between-redis-and-postgres",
            "gateway-drop_response_after_commit_rate",
            "kafka-restart",
            "redis-flush",
            "poison"})
    void theFaultLeavesEveryInvariantIntact(String scenario) {
        ChaosRun.Result result = ChaosRun.run(cluster, ++runs, Scenario.named(scenario), SEED + runs, OPERATIONS);
        ChaosReport.row(result);

        assertThat(result.error()).as("the run itself").isNull();
        assertThat(result.violations()).as("invariant violations").isEmpty();
        assertThat(result.history().submissions()).as("the workload reached the platform")
                .anyMatch(submission -> submission.outcome() == History.Outcome.OK);
    }
}
