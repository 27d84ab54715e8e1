package dev.checkout.inventory;

import static dev.checkout.inventory.StockFixtures.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.checkout.inventory.StockFixtures.Levels;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Redis losing its data or drifting from PostgreSQL never oversells, and reconciliation brings it back. */
@ExtendWith(OutputCaptureExtension.class)
class GateDriftIT extends InventoryIntegrationTest {

    @Autowired
    GateReconciliation reconciliation;

    @Autowired
    MeterRegistry meters;

    @Test
    void flushingRedisInTheMiddleOfASaleOversellsNothingAndTheCounterComesBack() {
        String product = stock.productWith(200);
        AtomicInteger accepted = new AtomicInteger();

        List<Reservation> outcomes = Concurrently.run(600, i -> {
            Reservation outcome = reservations.reserve(orderOf(product, 1));
            if (outcome.status() == Reservation.Status.PENDING && accepted.incrementAndGet() == 50) {
                GateRedisServer.redis().flushall();
            }
            return outcome;
        });

        assertThat(outcomes).filteredOn(r -> r.status() == Reservation.Status.PENDING).hasSize(200);
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(200, 200, 0));
        assertThat(stock.reservationsOf(product, Reservation.Status.PENDING)).isEqualTo(200);
        await("the counter reloaded and true").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(stock.inRedis(product)).isZero();
            assertThat(stock.inFlight(product)).isZero();
        });
    }

    @Test
    void aCounterForcedUpwardOversellsNothingAndIsBroughtBackDown() {
        String product = stock.productWith(20);
        assertThat(Concurrently.run(20, i -> reservations.reserve(orderOf(product, 1))))
                .allMatch(r -> r.status() == Reservation.Status.PENDING);
        GateRedisServer.redis().set(new CounterKey(product, null).availableKey(), "500");

        List<Reservation> outcomes = Concurrently.run(100, i -> reservations.reserve(orderOf(product, 1)));

        assertThat(outcomes).allMatch(r -> r.status() == Reservation.Status.REJECTED);
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(20, 20, 0));
        await("the counter repaired").atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(stock.inRedis(product)).isZero());
    }

    @Test
    void theReconciliationJobRepairsDriftEitherWayAndReportsIt(CapturedOutput output) {
        String overstated = stock.productWith(10);
        String understated = stock.productWith(10);
        List<CounterKey> counters = List.of(new CounterKey(overstated, null), new CounterKey(understated, null));
        // New stock asks for its counter to be loaded; once that is done, nothing but the job looks at these counters.
        await("the new counters taken up").atMost(Duration.ofSeconds(10)).until(() -> counters.stream().noneMatch(repairs::isAsked));
        reconciliation.reconcile(counters); // waits, on the rows' locks, for a load that is still running
        double loweredBefore = repairs("down");
        double raisedBefore = repairs("up");

        // Behind the service's back, with no reservation in sight to notice: only the job can find these.
        GateRedisServer.redis().set(new CounterKey(overstated, null).availableKey(), "60");
        GateRedisServer.redis().set(new CounterKey(understated, null).availableKey(), "4");

        await("the job repaired both").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(stock.inRedis(overstated)).isEqualTo(10);
            assertThat(stock.inRedis(understated)).isEqualTo(10);
        });
        assertThat(repairs("down")).isGreaterThanOrEqualTo(loweredBefore + 1);
        assertThat(repairs("up")).isGreaterThanOrEqualTo(raisedBefore + 1);
        assertThat(output.getOut()).contains("drift repaired on " + overstated + ": Redis had 60, PostgreSQL has 10 available with 0 in flight; corrected by -50");
        assertThat(output.getOut()).contains("drift repaired on " + understated + ": Redis had 4, PostgreSQL has 10 available with 0 in flight; corrected by +6");
    }

    private double repairs(String direction) {
        return meters.get("checkout.inventory.gate.repairs").tag("direction", direction).counter().count();
    }
}
