package dev.checkout.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.checkout.inventory.api.StockLine;
import dev.checkout.platform.core.DomainModel;

/**
 * Stock held for one owner (a checkout, then its order). Guards its life cycle: PENDING until it is confirmed
 * (the units are sold), released, or expires at {@code expiresAt}; a refused attempt is REJECTED and holds nothing;
 * a confirmed one can be RESTOCKED when the order is cancelled. Each change is recorded as a {@link ReservationEvent}
 * for the caller to apply to stock and announce. Repeating a command that already took effect changes nothing.
 */
@DomainModel
final class Reservation {

    enum Status { PENDING, CONFIRMED, RELEASED, EXPIRED, REJECTED, RESTOCKED }

    /** Units of one stock row (a product, variant and warehouse) held by the reservation. */
    record Line(long stockId, String productId, String variantId, String warehouseId, int quantity) {
    }

    /** A requested line that could not be met. */
    record Shortfall(String productId, String variantId, int requested, int available) {
    }

    private final String reservationId;
    private String ownerId;
    private String adoptedFrom;
    private Status status;
    private Instant expiresAt;
    private final List<Line> lines;
    private final List<Shortfall> shortfalls;
    private final List<ReservationEvent> events = new ArrayList<>();

    Reservation(String reservationId, String ownerId, String adoptedFrom, Status status, Instant expiresAt, List<Line> lines,
                List<Shortfall> shortfalls) {
        this.reservationId = Objects.requireNonNull(reservationId);
        this.ownerId = Objects.requireNonNull(ownerId);
        this.adoptedFrom = adoptedFrom;
        this.status = Objects.requireNonNull(status);
        this.expiresAt = Objects.requireNonNull(expiresAt);
        this.lines = List.copyOf(lines);
        this.shortfalls = List.copyOf(shortfalls);
    }

    static Reservation held(String reservationId, String ownerId, List<Line> lines, Instant expiresAt) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reservation holds at least one line");
        }
        var reservation = new Reservation(reservationId, ownerId, null, Status.PENDING, expiresAt, lines, List.of());
        reservation.events.add(new ReservationEvent.StockHeld(reservationId, ownerId, lines, expiresAt));
        return reservation;
    }

    static Reservation refused(String reservationId, String ownerId, List<Shortfall> shortfalls, Instant now) {
        var reservation = new Reservation(reservationId, ownerId, null, Status.REJECTED, now, List.of(), shortfalls);
        reservation.events.add(new ReservationEvent.ReservationRefused(reservationId, ownerId, shortfalls));
        return reservation;
    }

    boolean isHeldAt(Instant now) {
        return status == Status.PENDING && now.isBefore(expiresAt);
    }

    /** Sells the held units. Refused (and expired on the spot) once the reservation has run out. */
    Outcome confirm(Instant now) {
        return switch (status) {
            case CONFIRMED -> Outcome.DONE;
            case PENDING -> {
                if (!now.isBefore(expiresAt)) {
                    expire(now);
                    yield Outcome.refused("reservation_expired");
                }
                status = Status.CONFIRMED;
                events.add(new ReservationEvent.StockSold(reservationId, ownerId, lines));
                yield Outcome.DONE;
            }
            case EXPIRED -> Outcome.refused("reservation_expired");
            case RELEASED -> Outcome.refused("reservation_released");
            case REJECTED -> Outcome.refused("reservation_refused");
            case RESTOCKED -> Outcome.refused("reservation_restocked");
        };
    }

    /** Gives back the held units; nothing held any more is fine. */
    void release(String reason) {
        if (status == Status.PENDING) {
            status = Status.RELEASED;
            events.add(new ReservationEvent.StockFreed(reservationId, ownerId, lines, reason));
        }
    }

    /** Gives back the held units of a reservation whose time ran out. */
    void expire(Instant now) {
        if (status == Status.PENDING && !now.isBefore(expiresAt)) {
            status = Status.EXPIRED;
            events.add(new ReservationEvent.StockFreed(reservationId, ownerId, lines, "expired"));
        }
    }

    /** Holds the stock until at least {@code until}; only a reservation still held can be extended. */
    private Outcome extend(Instant until, Instant now) {
        if (!isHeldAt(now)) {
            expire(now);
            return Outcome.refused(status == Status.EXPIRED ? "reservation_expired" : "reservation_not_held");
        }
        if (until.isAfter(expiresAt)) {
            expiresAt = until;
            events.add(new ReservationEvent.HoldExtended(reservationId, ownerId, until));
        }
        return Outcome.DONE;
    }

    /** Hands a held reservation over to a new owner (a checkout's reservation to its order) and extends it. */
    Outcome adoptBy(String newOwner, Instant until, Instant now) {
        if (!isHeldAt(now)) {
            expire(now);
            return Outcome.refused("reservation_not_held");
        }
        adoptedFrom = ownerId;
        ownerId = newOwner;
        events.add(new ReservationEvent.HoldAdopted(reservationId, adoptedFrom, newOwner));
        return extend(until, now);
    }

    /** Returns sold units to stock (the order was cancelled); only once. */
    void restock() {
        if (status == Status.CONFIRMED) {
            status = Status.RESTOCKED;
            events.add(new ReservationEvent.StockReturned(reservationId, ownerId, lines));
        }
    }

    /**
     * Some units of a confirmed sale come back: for each item, taken from the sale's lines of that product (and
     * variant) in order, at most what each line sold less what it already took back ({@code returnedByStockId}).
     * Returns the slices given back (empty when nothing was left to give back); the sale stays CONFIRMED.
     */
    List<Line> returnItems(List<StockLine> items, Map<Long, Integer> returnedByStockId) {
        if (status != Status.CONFIRMED) {
            return List.of();
        }
        Map<Long, Integer> returned = new HashMap<>(returnedByStockId);
        List<Line> back = new ArrayList<>();
        for (StockLine item : items) {
            int wanted = item.quantity();
            for (Line line : lines) {
                if (wanted == 0) {
                    break;
                }
                if (!line.productId().equals(item.productId()) || !Objects.equals(line.variantId(), item.variantId())) {
                    continue;
                }
                int left = line.quantity() - returned.getOrDefault(line.stockId(), 0);
                int taken = Math.min(left, wanted);
                if (taken > 0) {
                    back.add(new Line(line.stockId(), line.productId(), line.variantId(), line.warehouseId(), taken));
                    returned.merge(line.stockId(), taken, Integer::sum);
                    wanted -= taken;
                }
            }
        }
        if (!back.isEmpty()) {
            events.add(new ReservationEvent.StockReturned(reservationId, ownerId, back));
        }
        return back;
    }

    List<ReservationEvent> takeEvents() {
        List<ReservationEvent> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    String reservationId() {
        return reservationId;
    }

    String ownerId() {
        return ownerId;
    }

    String adoptedFrom() {
        return adoptedFrom;
    }

    Status status() {
        return status;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    List<Line> lines() {
        return lines;
    }

    List<Shortfall> shortfalls() {
        return shortfalls;
    }

    /** Whether a command took effect (or already had), or why it was refused. */
    record Outcome(boolean done, String refusal) {
        static final Outcome DONE = new Outcome(true, null);

        static Outcome refused(String reason) {
            return new Outcome(false, reason);
        }
    }
}
