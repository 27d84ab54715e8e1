package dev.checkout.inventory;

import static dev.checkout.inventory.StockFixtures.line;
import static dev.checkout.inventory.StockFixtures.orderUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import dev.checkout.inventory.StockFixtures.Levels;
import dev.checkout.inventory.api.ReserveStock;
import org.junit.jupiter.api.Test;

/** A reservation not confirmed in time gives its units back, in both stores, and can no longer be confirmed. */
class ReservationExpiryIT extends InventoryIntegrationTest {

    @Test
    void anExpiredReservationGivesItsUnitsBackInBothStores() {
        String product = stock.productWith(10);
        ReserveStock order = orderUntil(Instant.now().plusSeconds(1), line(product, 3));
        reservations.reserve(order);
        assertThat(stock.inRedis(product)).isEqualTo(7);

        await("the reservation expired").atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(reservations.find(order.ownerId())).get().extracting(Reservation::status).isEqualTo(Reservation.Status.EXPIRED));

        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(10, 0, 10));
        assertThat(stock.inRedis(product)).isEqualTo(10);
    }

    @Test
    void confirmingAfterExpiryIsRefusedAndSellsNothing() {
        String product = stock.productWith(10);
        ReserveStock order = orderUntil(Instant.now().plusSeconds(1), line(product, 3));
        reservations.reserve(order);
        await("the reservation expired").atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(reservations.find(order.ownerId())).get().extracting(Reservation::status).isEqualTo(Reservation.Status.EXPIRED));

        StockReservations.Confirmation confirmed = reservations.confirm(order.ownerId());

        assertThat(confirmed.done()).isFalse();
        assertThat(confirmed.refusal()).isEqualTo("reservation_expired");
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(10, 0, 10));
        assertThat(stock.inRedis(product)).isEqualTo(10);
    }
}
