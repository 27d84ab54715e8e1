package dev.checkout.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import dev.checkout.inventory.api.ReserveStock;
import dev.checkout.inventory.api.StockLine;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reserving, confirming, releasing and restocking stock for an owner: the use cases inventory's commands run. Each
 * runs in the caller's transaction (a consumed command's, or its own), applies the reservation's events to the stock
 * rows (and to the Redis gate's counters, in the same transaction, see {@link ReservationEffects}) and announces the
 * new stock levels. Every operation is idempotent per owner: repeating it changes nothing more, in either store.
 * Making a reservation is {@link GatedReservations}'.
 */
@Service
class StockReservations {

    private final Reservations reservations;
    private final Stock stock;
    private final GatedReservations gated;
    private final ReservationEffects effects;
    private final Clock clock;

    StockReservations(Reservations reservations, Stock stock, GatedReservations gated, ReservationEffects effects, Clock clock) {
        this.reservations = reservations;
        this.stock = stock;
        this.gated = gated;
        this.effects = effects;
        this.clock = clock;
    }

    /**
     * Holds every line for the owner, or nothing. A reservation the owner already has is returned as it is; a held
     * reservation of the checkout named in {@code adoptReservationOf} is handed over to the owner. A refusal is not
     * recorded: it changed nothing, and asking again later may succeed.
     */
    Reservation reserve(ReserveStock command) {
        return gated.reserve(command);
    }

    @Transactional
    Confirmation confirm(String ownerId) {
        return reservations.lockByOwner(ownerId).map(reservation -> {
            Reservation.Outcome outcome = reservation.confirm(clock.instant());
            save(reservation);
            return new Confirmation(outcome, reservation.reservationId());
        }).orElse(new Confirmation(Reservation.Outcome.refused("reservation_not_found"), null));
    }

    /** What confirming did, and to which reservation (null when the owner has none), so the reply needs no second read. */
    record Confirmation(Reservation.Outcome outcome, String reservationId) {
        boolean done() {
            return outcome.done();
        }

        String refusal() {
            return outcome.refusal();
        }
    }

    @Transactional
    void release(String ownerId, String reason) {
        reservations.lockByOwner(ownerId).ifPresent(reservation -> {
            reservation.release(reason);
            save(reservation);
        });
    }

    @Transactional
    void restock(String ownerId) {
        reservations.lockByOwner(ownerId).ifPresent(reservation -> {
            reservation.restock();
            save(reservation);
        });
    }

    /**
     * Puts some units of the owner's confirmed sale back (a return), once per {@code restockId}; returns how many units
     * went back (those of the first time, when asked again).
     */
    @Transactional
    int restockItems(String ownerId, String restockId, List<StockLine> items) {
        Optional<Reservation> sale = reservations.lockByOwner(ownerId);
        OptionalInt done = reservations.restocked(restockId);
        if (done.isPresent()) {
            return done.getAsInt();
        }
        return sale.map(reservation -> {
            List<Reservation.Line> back = reservation.returnItems(Stock.merged(items), reservations.returnedItems(ownerId));
            reservations.recordReturned(restockId, ownerId, back);
            effects.apply(reservation);
            return back.stream().mapToInt(Reservation.Line::quantity).sum();
        }).orElse(0);
    }

    /**
     * As {@link #release} and {@link #confirm}, for a job that repairs a reservation while commands may be at work on
     * it ({@link ReservationReconciliation}): the same lock order as {@link #expireDue(Instant, int)}, stock rows first
     * (in {@link Stock#LOCK_ORDER}), then the reservation row, skipped if another transaction holds it. A command batch
     * holds the stock rows of its earlier commands while it waits for the reservation row of a later one; a job that
     * held the reservation row while it waited for those stock rows deadlocked with it. Empty when the reservation was
     * busy (the job's next run looks again), is gone, or is no longer pending (a command got there first).
     */
    @Transactional
    Optional<Reservation.Outcome> repair(String ownerId, Repair repair) {
        stock.lock(reservations.linesOf(ownerId));
        return reservations.lockByOwnerUnlessBusy(ownerId).filter(reservation -> reservation.status() == Reservation.Status.PENDING)
                .map(reservation -> {
            Reservation.Outcome outcome = switch (repair) {
                case RELEASE -> {
                    reservation.release(ReservationReconciliation.REASON);
                    yield Reservation.Outcome.DONE;
                }
                case CONFIRM -> reservation.confirm(clock.instant());
            };
            save(reservation);
            return outcome;
        });
    }

    /** What a repair does to a reservation. */
    enum Repair { RELEASE, CONFIRM }

    /**
     * Locks, for the current transaction and in {@link Stock#LOCK_ORDER}, the stock rows the owners' reservations hold
     * and those of the products and variants wanted (in every warehouse): what a batch of commands about them may lock.
     */
    void lockStockOf(Collection<String> owners, Collection<StockLine> wanted) {
        if (!owners.isEmpty() || !wanted.isEmpty()) {
            stock.lock(stock.placesOf(owners, wanted));
        }
    }

    /** Releases up to {@code limit} reservations whose time is up; returns how many. */
    int expireDue(int limit) {
        return expireDue(clock.instant(), limit);
    }

    /**
     * Releases up to {@code limit} reservations whose time is up at {@code now}; returns how many.
     * <p>
     * Stock rows first, reservation rows second: the job locks the stock rows of the due reservations (in
     * {@link Stock#LOCK_ORDER}), and only then the reservations themselves, skipping any another transaction holds. A
     * command batch holds the stock rows its earlier commands took while it waits for the reservation row of a later
     * one; a job that held reservation rows while it waited for stock rows deadlocked with it. This one waits only for
     * stock rows, holding nothing but stock rows earlier in the one order, and never waits for a reservation row.
     */
    @Transactional
    int expireDue(Instant now, int limit) {
        Map<String, List<Reservation.Line>> due = reservations.dueLines(now, limit);
        stock.lock(due.values().stream().flatMap(List::stream).toList());
        List<Reservation> locked = reservations.lockDue(due.keySet(), now);
        for (Reservation reservation : locked) {
            reservation.expire(now);
            save(reservation);
        }
        return locked.size();
    }

    Optional<Reservation> find(String ownerId) {
        return reservations.lockByOwner(ownerId);
    }

    private void save(Reservation reservation) {
        reservations.update(reservation);
        effects.apply(reservation);
    }

    /** The lines of a command, refused before touching stock if a quantity is not positive. */
    static boolean isValid(List<StockLine> lines) {
        return lines != null && !lines.isEmpty()
                && lines.stream().allMatch(l -> l != null && l.productId() != null && l.quantity() > 0);
    }
}
