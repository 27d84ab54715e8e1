package dev.checkout.inventory;

import static dev.checkout.inventory.StockFixtures.line;
import static dev.checkout.inventory.StockFixtures.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import dev.checkout.inventory.StockFixtures.Levels;
import dev.checkout.inventory.api.ReserveStock;
import dev.checkout.platform.core.Ids;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A process can die between the Redis step and the PostgreSQL step of a reservation. Here that half-done state is made
 * directly, the Redis step alone (the crash point {@code inventory.reserve.between-redis-and-postgres} makes it for
 * real in a service process): nothing stays stuck.
 */
class HalfDoneReservationIT extends InventoryIntegrationTest {

    @Autowired
    GateReconciliation reconciliation;

    @Test
    void aHoldWhoseReservationNeverReachedPostgresIsGivenBack() {
        String product = stock.productWith(10);
        reconciliation.load(List.of(new CounterKey(product, null)));
        String owner = Ids.newId("order");

        assertThat(gate.hold(owner, Ids.newId("res"), List.of(line(product, 3))).verdict()).isEqualTo(StockGate.Verdict.HELD);
        assertThat(stock.inRedis(product)).isEqualTo(7);

        await("the orphaned hold given back").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(stock.inRedis(product)).isEqualTo(10);
            assertThat(stock.inFlight(product)).isZero();
            assertThat(GateRedisServer.redis().zscore(CounterKey.OWNERS_IN_FLIGHT, owner)).isNull();
        });
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(10, 0, 10));
        assertThat(reservations.find(owner)).isEmpty();
    }

    @Test
    void retryingAReservationThatDiedBetweenTheStepsReservesItOnce() {
        String product = stock.productWith(10);
        reconciliation.load(List.of(new CounterKey(product, null)));
        ReserveStock order = orderOf(product, 3);
        gate.hold(order.ownerId(), Ids.newId("res"), order.lines()); // the attempt that died

        Reservation retried = reservations.reserve(order);

        assertThat(retried.status()).isEqualTo(Reservation.Status.PENDING);
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(10, 3, 7));
        assertThat(stock.inRedis(product)).isEqualTo(7);
        assertThat(stock.inFlight(product)).isZero();
    }

    @Test
    void aReservationThatCommittedButWhoseHoldWasNeverSettledKeepsItsUnits() {
        String product = stock.productWith(10);
        ReserveStock order = orderOf(product, 3);
        Reservation reservation = reservations.reserve(order);
        // As if the process died right after the commit, before settling the hold: it still looks in flight, for ages.
        GateRedisServer.redis().zadd(CounterKey.OWNERS_IN_FLIGHT, 0, order.ownerId());
        GateRedisServer.redis().hset(new CounterKey(product, null).inFlightKey(), reservation.reservationId(), "3");

        await("the hold settled").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(GateRedisServer.redis().zscore(CounterKey.OWNERS_IN_FLIGHT, order.ownerId())).isNull();
            assertThat(stock.inFlight(product)).isZero();
        });
        assertThat(stock.inRedis(product)).isEqualTo(7);
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(10, 3, 7));
    }
}
