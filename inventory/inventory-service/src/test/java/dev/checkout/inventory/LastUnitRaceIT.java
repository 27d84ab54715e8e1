package dev.checkout.inventory;

import static dev.checkout.inventory.StockFixtures.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.RepeatedTest;

/** The flash-sale race: many more buyers than units, all at once. Whatever the interleaving, never one unit too many. */
class LastUnitRaceIT extends InventoryIntegrationTest {

    @RepeatedTest(20)
    void fiveHundredConcurrentReservationsOfOneUnitGetExactlyTheHundredUnitsThere() {
        String product = stock.productWith(100);

        List<Reservation> outcomes = Concurrently.run(500, i -> reservations.reserve(orderOf(product, 1)));

        assertThat(outcomes).filteredOn(r -> r.status() == Reservation.Status.PENDING).hasSize(100);
        assertThat(outcomes).filteredOn(r -> r.status() == Reservation.Status.REJECTED).hasSize(400)
                .allSatisfy(refused -> assertThat(refused.shortfalls()).singleElement()
                        .satisfies(shortfall -> assertThat(shortfall.available()).isZero()));
        assertThat(stock.inPostgres(product)).isEqualTo(new StockFixtures.Levels(100, 100, 0));
        assertThat(stock.reservationsOf(product, Reservation.Status.PENDING)).isEqualTo(100);
        await("every hold settled").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(stock.inRedis(product)).isZero();
            assertThat(stock.inFlight(product)).isZero();
        });
    }
}
