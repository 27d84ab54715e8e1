package dev.checkout.inventory;

import java.time.Instant;
import java.util.List;

import dev.checkout.platform.core.DomainModel;

/** What happened to a reservation: domain events, applied to stock and mapped to messages by the use case. */
@DomainModel
sealed interface ReservationEvent {

    String reservationId();

    String ownerId();

    record StockHeld(String reservationId, String ownerId, List<Reservation.Line> lines, Instant until) implements ReservationEvent {
    }

    record ReservationRefused(String reservationId, String ownerId, List<Reservation.Shortfall> shortfalls) implements ReservationEvent {
    }

    record StockSold(String reservationId, String ownerId, List<Reservation.Line> lines) implements ReservationEvent {
    }

    record StockFreed(String reservationId, String ownerId, List<Reservation.Line> lines, String reason) implements ReservationEvent {
    }

    record StockReturned(String reservationId, String ownerId, List<Reservation.Line> lines) implements ReservationEvent {
    }

    record HoldExtended(String reservationId, String ownerId, Instant until) implements ReservationEvent {
    }

    record HoldAdopted(String reservationId, String previousOwner, String ownerId) implements ReservationEvent {
    }
}
