package dev.checkout.inventory;

import static dev.checkout.inventory.StockFixtures.orderOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.checkout.inventory.StockFixtures.Levels;
import dev.checkout.inventory.api.ReserveStock;
import org.junit.jupiter.api.Test;

/** Reserve, release and confirm are idempotent per owner: repeating one changes nothing more, in either store. */
class IdempotentReservationIT extends InventoryIntegrationTest {

    @Test
    void reservingTwiceForOneOwnerHoldsTheUnitsOnce() {
        String product = stock.productWith(10);
        ReserveStock order = orderOf(product, 2);

        Reservation first = reservations.reserve(order);
        Reservation again = reservations.reserve(order);

        assertThat(again.reservationId()).isEqualTo(first.reservationId());
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(10, 2, 8));
        assertThat(stock.inRedis(product)).isEqualTo(8);
        assertThat(stock.inFlight(product)).isZero();
    }

    @Test
    void aRepeatedReserveAfterTheProductSoldOutStillFindsTheOwnersReservation() {
        String product = stock.productWith(3);
        ReserveStock order = orderOf(product, 3);
        Reservation first = reservations.reserve(order);

        Reservation again = reservations.reserve(order);

        assertThat(again.status()).isEqualTo(Reservation.Status.PENDING);
        assertThat(again.reservationId()).isEqualTo(first.reservationId());
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(3, 3, 0));
        assertThat(stock.inRedis(product)).isZero();
    }

    @Test
    void aRepeatedReserveAfterRedisForgotTheOwnerHoldsNothingMore() {
        String product = stock.productWith(10);
        ReserveStock order = orderOf(product, 2);
        Reservation first = reservations.reserve(order);
        GateRedisServer.redis().del(CounterKey.ownerKey(order.ownerId()));

        Reservation again = reservations.reserve(order);

        assertThat(again.reservationId()).isEqualTo(first.reservationId());
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(10, 2, 8));
        assertThat(stock.inRedis(product)).isEqualTo(8);
        assertThat(stock.inFlight(product)).isZero();
    }

    @Test
    void releasingTwiceGivesTheUnitsBackOnce() {
        String product = stock.productWith(10);
        ReserveStock order = orderOf(product, 4);
        reservations.reserve(order);

        reservations.release(order.ownerId(), "order_failed");
        reservations.release(order.ownerId(), "order_failed");

        assertThat(reservations.find(order.ownerId())).get().extracting(Reservation::status).isEqualTo(Reservation.Status.RELEASED);
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(10, 0, 10));
        assertThat(stock.inRedis(product)).isEqualTo(10);
    }

    @Test
    void confirmingTwiceSellsTheUnitsOnce() {
        String product = stock.productWith(10);
        ReserveStock order = orderOf(product, 4);
        reservations.reserve(order);

        assertThat(reservations.confirm(order.ownerId()).done()).isTrue();
        assertThat(reservations.confirm(order.ownerId()).done()).isTrue();

        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(6, 0, 6));
        assertThat(stock.inRedis(product)).isEqualTo(6);
    }

    @Test
    void confirmingNamesTheReservationItSoldAndAnOwnerWithoutOneNamesNone() {
        String product = stock.productWith(10);
        ReserveStock order = orderOf(product, 1);
        Reservation reserved = reservations.reserve(order);

        StockReservations.Confirmation confirmed = reservations.confirm(order.ownerId());
        StockReservations.Confirmation nothingToConfirm = reservations.confirm(orderOf(product, 1).ownerId());

        assertThat(confirmed.reservationId()).isEqualTo(reserved.reservationId());
        assertThat(nothingToConfirm.done()).isFalse();
        assertThat(nothingToConfirm.refusal()).isEqualTo("reservation_not_found");
        assertThat(nothingToConfirm.reservationId()).isNull();
    }

    @Test
    void restockingACancelledSaleTwiceReturnsTheUnitsOnce() {
        String product = stock.productWith(10);
        ReserveStock order = orderOf(product, 4);
        reservations.reserve(order);
        reservations.confirm(order.ownerId());

        reservations.restock(order.ownerId());
        reservations.restock(order.ownerId());

        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(10, 0, 10));
        assertThat(stock.inRedis(product)).isEqualTo(10);
    }
}
