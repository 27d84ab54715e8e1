package dev.checkout.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.checkout.inventory.StockGate.Verdict;
import dev.checkout.inventory.api.ReserveStock;
import dev.checkout.inventory.api.StockLine;
import dev.checkout.platform.core.CrashPoints;
import dev.checkout.platform.core.Ids;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Making a reservation: through the {@link StockGate Redis gate} first and then PostgreSQL. The gate turns away what
 * Redis already knows is short, without a transaction; what it lets through is held in Redis and then reserved for
 * real by PostgreSQL's conditional update, which commits the reservation and settles the hold together. If PostgreSQL
 * refuses or the transaction fails, the hold is given back; if the process dies in between, reconciliation gives it
 * back. Whatever Redis says, PostgreSQL alone decides that stock exists.
 */
@Service
class GatedReservations {

    private final Reservations reservations;
    private final Allocations allocations;
    private final Stock stock;
    private final StockGate gate;
    private final GateReconciliation reconciliation;
    private final ReservationEffects effects;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final Duration orphanGrace;

    GatedReservations(Reservations reservations, Allocations allocations, Stock stock, StockGate gate,
                      GateReconciliation reconciliation, ReservationEffects effects, PlatformTransactionManager transactions,
                      Clock clock, InventoryProperties properties) {
        this.orphanGrace = properties.gate().orphanGrace();
        this.reservations = reservations;
        this.allocations = allocations;
        this.stock = stock;
        this.gate = gate;
        this.reconciliation = reconciliation;
        this.effects = effects;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    /**
     * Holds every line for the owner, or nothing (see {@link StockReservations#reserve}), in a transaction of its own
     * or the caller's.
     */
    Reservation reserve(ReserveStock command) {
        List<StockLine> lines = Stock.merged(command.lines());
        String reservationId = Ids.newId("res");
        // An adoption hands over stock PostgreSQL already holds: it is settled there before the gate is asked anything.
        StockGate.Decision asked = command.adoptReservationOf() == null ? askGate(command.ownerId(), reservationId, lines) : null;
        if (asked != null && asked.is(Verdict.SHORT)) {
            return Reservation.refused(reservationId, command.ownerId(), asked.shortfalls(), clock.instant());
        }
        CrashPoints.reach("inventory.reserve.between-redis-and-postgres");
        return transaction.execute(status -> reserveInPostgres(command, reservationId, lines, asked));
    }

    private Reservation reserveInPostgres(ReserveStock command, String reservationId, List<StockLine> lines, StockGate.Decision gateSaid) {
        StockGate.Decision asked = gateSaid;
        String owner = command.ownerId();
        if (asked != null && asked.is(Verdict.HELD) && lines.size() == 1 && isFresh(asked)) {
            return reserveOneHeldLine(command, reservationId, lines.getFirst()); // takes the owner's lock in its statement
        }
        reservations.lockOwner(owner);
        if (asked != null && asked.is(Verdict.HELD)) {
            asked = confirmHold(owner, reservationId, lines, asked);
            if (asked.is(Verdict.HELD) && lines.size() == 1) {
                return reserveOneHeldLine(command, reservationId, lines.getFirst());
            }
        }
        Optional<Reservation> existing = reservations.lockByOwner(owner);
        if (existing.isPresent()) {
            if (asked != null && asked.is(Verdict.HELD)) {
                // Redis had forgotten the owner: undo the second hold
                gate.giveBack(owner, reservationId, lines.stream().map(CounterKey::of).toList(), Set.of());
            }
            return existing.get();
        }
        if (command.adoptReservationOf() != null) {
            Optional<Reservation> adopted = reservations.lockByOwner(command.adoptReservationOf())
                    .filter(checkout -> checkout.adoptBy(owner, command.expiresAt(), clock.instant()).done());
            if (adopted.isPresent()) {
                reservations.update(adopted.get());
                effects.apply(adopted.get());
                return adopted.get();
            }
            // The checkout's hold ran out (or never was): reserve afresh below.
        }
        return reserveAnyLines(command, reservationId, lines, holdUnderOwnerLock(owner, reservationId, lines, asked));
    }

    /**
     * The flash-sale path: one line, held by the gate. One statement records the reservation, takes the units from the
     * preferred warehouse and records the line; only if that warehouse cannot cover it are the product's rows locked
     * and the line spread over warehouses.
     */
    private Reservation reserveOneHeldLine(ReserveStock command, String reservationId, StockLine line) {
        String owner = command.ownerId();
        List<CounterKey> counters = List.of(CounterKey.of(line));
        Allocations.NewReservation made = allocations.recordAndTake(reservationId, owner, command.expiresAt(), line);
        if (made instanceof Allocations.NewReservation.OwnerKnown) {
            gate.giveBack(owner, reservationId, counters, Set.of()); // Redis had forgotten the owner: undo the second hold
            return reservations.lockByOwner(owner).orElseThrow();
        }
        List<Reservation.Line> held = new ArrayList<>();
        ReservationEffects.Announcing done = ReservationEffects.Announcing.NOTHING;
        if (made instanceof Allocations.NewReservation.Taken taken) {
            held.add(taken.line());
            done = new ReservationEffects.Announcing(taken.onlyRowOfProduct().map(row -> Map.of(row.productId(), List.of(row))).orElse(Map.of()),
                    Set.of(line.productId()));
        } else {
            List<Reservation.Shortfall> shortfalls = new ArrayList<>();
            if (!allocations.spread(reservationId, line, held, shortfalls)) {
                reservations.delete(reservationId);
                refusedAfterGate(owner, reservationId, counters, shortfalls);
                return Reservation.refused(reservationId, owner, shortfalls, clock.instant());
            }
        }
        Reservation reservation = Reservation.held(reservationId, owner, held, command.expiresAt());
        settleAfterCommit(owner, reservationId, counters);
        effects.apply(reservation, done);
        return reservation;
    }

    /** Any reservation: the gate's decision is made; the owner is known to have no reservation yet. */
    private Reservation reserveAnyLines(ReserveStock command, String reservationId, List<StockLine> lines, StockGate.Decision decision) {
        String owner = command.ownerId();
        Instant now = clock.instant();
        List<CounterKey> counters = lines.stream().map(CounterKey::of).toList();
        if (decision.is(Verdict.SHORT)) {
            return Reservation.refused(reservationId, owner, decision.shortfalls(), now);
        }
        if (decision.is(Verdict.BYPASSED)) {
            // Without the gate, what is plainly short is refused before queueing for the stock rows' locks.
            List<Reservation.Shortfall> apparent = stock.apparentShortfalls(lines);
            if (!apparent.isEmpty()) {
                return Reservation.refused(reservationId, owner, apparent, now);
            }
        }
        Allocations.Allocation allocation = savepoint.execute(status -> {
            reservations.insertHeld(reservationId, owner, command.expiresAt());
            Allocations.Allocation attempt = allocations.allocate(reservationId, lines);
            if (!attempt.succeeded()) {
                status.setRollbackOnly(); // undo the record and the lines already held
            }
            return attempt;
        });
        if (!allocation.succeeded()) {
            if (decision.is(Verdict.HELD)) {
                refusedAfterGate(owner, reservationId, counters, allocation.shortfalls());
            }
            return Reservation.refused(reservationId, owner, allocation.shortfalls(), now);
        }
        Reservation reservation = Reservation.held(reservationId, owner, allocation.lines(), command.expiresAt());
        if (decision.is(Verdict.HELD)) {
            settleAfterCommit(owner, reservationId, counters);
        } else {
            // Reserved without the gate: move its counters now, while the rows are locked, so Redis does not
            // overstate what is left once it is trusted again.
            gate.adjust(ReservationEffects.unitsOf(allocation.lines(), -1));
        }
        effects.apply(reservation, new ReservationEffects.Announcing(allocation.productRows(), Set.of()));
        return reservation;
    }

    /**
     * Redis let through what PostgreSQL refused: the short counters are above the truth. Keep them lowered by this
     * hold (the safe side) and have them reconciled; give the other lines back.
     */
    private void refusedAfterGate(String owner, String reservationId, List<CounterKey> counters, List<Reservation.Shortfall> shortfalls) {
        Set<CounterKey> tooHigh = shortfalls.stream().map(s -> new CounterKey(s.productId(), s.variantId())).collect(Collectors.toSet());
        gate.giveBack(owner, reservationId, counters, tooHigh);
        gate.repairSoon(tooHigh);
    }

    /** Once the transaction ends, the hold is settled (committed) or given back (rolled back). */
    private void settleAfterCommit(String owner, String reservationId, List<CounterKey> counters) {
        afterCompletion(committed -> {
            if (committed ? !gate.settle(owner, reservationId, counters) : !gate.giveBack(owner, reservationId, counters, Set.of())) {
                gate.repairSoon(counters); // the hold was gone: whatever took it, reconcile what it left
            }
        });
    }

    /**
     * The gate's verdict. Missing counters are loaded from PostgreSQL first, unless this thread is inside a
     * transaction: loading needs a connection of its own, and threads that hold one while waiting for another can
     * starve the pool. Those reserve without the gate this once, and the gate's recovery loads the counters.
     */
    private StockGate.Decision askGate(String owner, String reservationId, List<StockLine> lines) {
        StockGate.Decision decision = gate.hold(owner, reservationId, lines);
        if (decision.is(Verdict.MISSING) && !TransactionSynchronizationManager.isActualTransactionActive()) {
            reconciliation.load(decision.missing());
            decision = gate.hold(owner, reservationId, lines);
        }
        if (decision.is(Verdict.MISSING)) {
            gate.repairSoon(decision.missing());
            return StockGate.Decision.BYPASSED;
        }
        return decision;
    }

    /**
     * Makes sure, now that this attempt holds the owner's lock and no reservation exists, that what the gate holds for
     * the owner is this attempt's hold and nothing else.
     */
    private StockGate.Decision holdUnderOwnerLock(String owner, String reservationId, List<StockLine> lines, StockGate.Decision asked) {
        if (asked == null) {
            return askGate(owner, reservationId, lines);
        }
        if (asked.is(Verdict.KNOWN)) {
            // The owner went through the gate, yet has no reservation: an earlier attempt died between the two steps
            // (or another is waiting for this lock and will find the reservation this one makes). Its hold holds
            // nothing in PostgreSQL: give it back and ask the gate again.
            StockGate.Hold leftover = gate.holdOf(owner);
            if (leftover.reservationId() != null) {
                gate.giveBack(owner, leftover.reservationId(), leftover.units().keySet(), Set.of());
            }
            StockGate.Decision again = askGate(owner, reservationId, lines);
            return again.is(Verdict.KNOWN) ? StockGate.Decision.BYPASSED : again;
        }
        return asked; // HELD (confirmed above) or BYPASSED
    }

    private boolean isFresh(StockGate.Decision held) {
        return clock.millis() - held.heldAt() < orphanGrace.toMillis() / 2;
    }

    /**
     * A hold older than half the orphan grace may have been given back as an orphan while this attempt waited (or
     * lost with a flushed Redis): checked, and held again if so. A younger one cannot have been (reconciliation only
     * takes holds older than the grace), which spares the hot path a round trip.
     */
    private StockGate.Decision confirmHold(String owner, String reservationId, List<StockLine> lines, StockGate.Decision held) {
        if (isFresh(held) || gate.stillHolds(owner, reservationId)) {
            return held;
        }
        StockGate.Decision again = askGate(owner, reservationId, lines);
        return again.is(Verdict.KNOWN) ? StockGate.Decision.BYPASSED : again;
    }

    private static void afterCompletion(Consumer<Boolean> action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                action.accept(status == STATUS_COMMITTED);
            }
        });
    }
}
