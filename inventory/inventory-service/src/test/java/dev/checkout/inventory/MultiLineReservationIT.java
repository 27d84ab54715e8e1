package dev.checkout.inventory;

import static dev.checkout.inventory.StockFixtures.line;
import static dev.checkout.inventory.StockFixtures.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import dev.checkout.inventory.StockFixtures.Levels;
import dev.checkout.platform.core.Ids;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An order's lines are reserved together or not at all, in Redis and in PostgreSQL alike. */
class MultiLineReservationIT extends InventoryIntegrationTest {

    @Autowired
    GateReconciliation reconciliation;

    @Test
    void anOrderOfOneProductInStockAndOneShortReservesNothingInEitherStore() {
        String plenty = stock.productWith(10);
        String scarce = stock.productWith(1);

        Reservation outcome = reservations.reserve(orderOf(line(plenty, 3), line(scarce, 2)));

        assertThat(outcome.status()).isEqualTo(Reservation.Status.REJECTED);
        assertThat(outcome.shortfalls()).containsExactly(new Reservation.Shortfall(scarce, null, 2, 1));
        assertThat(stock.inPostgres(plenty)).isEqualTo(new Levels(10, 0, 10));
        assertThat(stock.inPostgres(scarce)).isEqualTo(new Levels(1, 0, 1));
        assertThat(stock.inRedis(plenty)).isEqualTo(10);
        assertThat(stock.inRedis(scarce)).isEqualTo(1);
        assertThat(stock.inFlight(plenty) + stock.inFlight(scarce)).isZero();
        assertThat(reservations.find(outcome.ownerId())).isEmpty();
    }

    @Test
    void anOrderWhoseLinesAllFitHoldsEveryLineInBothStores() {
        String first = stock.productWith(10);
        String second = stock.productWith(4);

        Reservation outcome = reservations.reserve(orderOf(line(first, 3), line(second, 4)));

        assertThat(outcome.status()).isEqualTo(Reservation.Status.PENDING);
        assertThat(outcome.lines()).extracting(Reservation.Line::productId, Reservation.Line::quantity)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(first, 3), org.assertj.core.groups.Tuple.tuple(second, 4));
        assertThat(stock.inPostgres(first)).isEqualTo(new Levels(10, 3, 7));
        assertThat(stock.inPostgres(second)).isEqualTo(new Levels(4, 4, 0));
        assertThat(stock.inRedis(first)).isEqualTo(7);
        assertThat(stock.inRedis(second)).isZero();
    }

    @Test
    void aLineShortOnlyInPostgresStillReservesNothingAndTheOverstatedCounterIsRepaired() {
        String plenty = stock.productWith(10);
        String scarce = stock.productWith(1);
        reconciliation.load(List.of(new CounterKey(plenty, null), new CounterKey(scarce, null)));
        GateRedisServer.redis().set(new CounterKey(scarce, null).availableKey(), "5"); // Redis overstates the scarce one

        Reservation outcome = reservations.reserve(orderOf(line(plenty, 3), line(scarce, 2)));

        assertThat(outcome.status()).isEqualTo(Reservation.Status.REJECTED);
        assertThat(outcome.shortfalls()).containsExactly(new Reservation.Shortfall(scarce, null, 2, 1));
        assertThat(stock.inPostgres(plenty)).isEqualTo(new Levels(10, 0, 10));
        assertThat(stock.inPostgres(scarce)).isEqualTo(new Levels(1, 0, 1));
        assertThat(stock.inRedis(plenty)).isEqualTo(10);
        await("the overstated counter repaired").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(stock.inRedis(scarce)).isEqualTo(1));
    }

    @Test
    void aReservationTakesFromThePreferredWarehouseFirstAndThenFromAnother() {
        String product = Ids.newId("prod");
        String preferred = Ids.newId("wh");
        String other = Ids.newId("wh");
        stock.setTotal(product, preferred, 2); // a new warehouse comes after those already known
        stock.setTotal(product, other, 5);

        Reservation outcome = reservations.reserve(orderOf(product, 4));

        assertThat(outcome.lines()).extracting(Reservation.Line::warehouseId, Reservation.Line::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(preferred, 2), org.assertj.core.groups.Tuple.tuple(other, 2));
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(7, 4, 3));
        assertThat(stock.inRedis(product)).isEqualTo(3);
    }
}
