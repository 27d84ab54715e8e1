package dev.checkout.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.checkout.inventory.InventoryServiceConfiguration.InventoryMessaging;
import dev.checkout.inventory.StockGate.Verdict;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.LowStock;
import dev.checkout.inventory.api.ReserveStock;
import dev.checkout.inventory.api.StockLine;
import dev.checkout.platform.core.CrashPoints;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.messaging.OutgoingMessage;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reserving, confirming, releasing and restocking stock for an owner. Each runs in the caller's
 * transaction (a consumed command's, or its own), applies the reservation's events to the stock rows (and to the
 * Redis gate's counters, in the same transaction) and announces the new stock levels. Every operation is idempotent
 * per owner: repeating it changes nothing more, in either store.
 * <p>
 * A reservation goes through the {@link StockGate Redis gate} first and then PostgreSQL. The gate turns away what
 * Redis already knows is short, without a transaction; what it lets through is held in Redis and then reserved for
 * real by PostgreSQL's conditional update, which commits the reservation and settles the hold together. If PostgreSQL
 * refuses or the transaction fails, the hold is given back; if the process dies in between, reconciliation gives it
 * back. Whatever Redis says, PostgreSQL alone decides that stock exists.
 */
@Service
class StockReservations {

    private final Reservations reservations;
    private final Stock stock;
    private final StockGate gate;
    private final GateReconciliation reconciliation;
    private final InventoryMessaging messaging;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final Duration orphanGrace;

    StockReservations(Reservations reservations, Stock stock, StockGate gate, GateReconciliation reconciliation,
                      InventoryMessaging messaging, PlatformTransactionManager transactions, Clock clock,
                      InventoryProperties properties) {
        this.orphanGrace = properties.gate().orphanGrace();
        this.reservations = reservations;
        this.stock = stock;
        this.gate = gate;
        this.reconciliation = reconciliation;
        this.messaging = messaging;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    /**
     * Holds every line for the owner, or nothing. A reservation the owner already has is returned as it is; a held
     * reservation of the checkout named in {@code adoptReservationOf} is handed over to the owner. A refusal is not
     * recorded: it changed nothing, and asking again later may succeed.
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
                save(adopted.get());
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
        Stock.NewReservation made = stock.recordAndTake(reservationId, owner, command.expiresAt(), line);
        if (made instanceof Stock.NewReservation.OwnerKnown) {
            gate.giveBack(owner, reservationId, counters, Set.of()); // Redis had forgotten the owner: undo the second hold
            return reservations.lockByOwner(owner).orElseThrow();
        }
        List<Reservation.Line> held = new ArrayList<>();
        Announcing done = Announcing.NOTHING;
        if (made instanceof Stock.NewReservation.Taken taken) {
            held.add(taken.line());
            done = new Announcing(taken.onlyRowOfProduct().map(row -> Map.of(row.productId(), List.of(row))).orElse(Map.of()),
                    Set.of(line.productId()));
        } else {
            List<Reservation.Shortfall> shortfalls = new ArrayList<>();
            if (!stock.spread(reservationId, line, held, shortfalls)) {
                reservations.delete(reservationId);
                refusedAfterGate(owner, reservationId, counters, shortfalls);
                return Reservation.refused(reservationId, owner, shortfalls, clock.instant());
            }
        }
        Reservation reservation = Reservation.held(reservationId, owner, held, command.expiresAt());
        settleAfterCommit(owner, reservationId, counters);
        apply(reservation, done);
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
        Stock.Allocation allocation = savepoint.execute(status -> {
            reservations.insertHeld(reservationId, owner, command.expiresAt());
            Stock.Allocation attempt = stock.allocate(reservationId, lines);
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
            gate.adjust(unitsOf(allocation.lines(), -1));
        }
        apply(reservation, new Announcing(allocation.productRows(), Set.of()));
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

    @Transactional
    Reservation.Outcome confirm(String ownerId) {
        return reservations.lockByOwner(ownerId).map(reservation -> {
            Reservation.Outcome outcome = reservation.confirm(clock.instant());
            save(reservation);
            return outcome;
        }).orElse(Reservation.Outcome.refused("reservation_not_found"));
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
            apply(reservation, Announcing.NOTHING);
            return back.stream().mapToInt(Reservation.Line::quantity).sum();
        }).orElse(0);
    }

    /** Releases up to {@code limit} reservations whose time is up; returns how many. */
    @Transactional
    int expireDue(int limit) {
        Instant now = clock.instant();
        List<Reservation> due = reservations.lockExpired(now, limit);
        for (Reservation reservation : due) {
            reservation.expire(now);
            save(reservation);
        }
        return due.size();
    }

    Optional<Reservation> find(String ownerId) {
        return reservations.lockByOwner(ownerId);
    }

    private void save(Reservation reservation) {
        reservations.update(reservation);
        apply(reservation, Announcing.NOTHING);
    }

    /**
     * Applies the reservation's events to stock and announces the stock levels they changed ({@code knownRows}: the
     * rows of products whose levels the caller already knows as they now are).
     */
    private void apply(Reservation reservation, Announcing done) {
        for (ReservationEvent event : reservation.takeEvents()) {
            switch (event) {
                case ReservationEvent.StockHeld held -> announce(held.lines(), true, done);
                case ReservationEvent.StockSold sold -> {
                    stock.sell(sold.lines());
                    announce(sold.lines(), false, Announcing.NOTHING);
                }
                case ReservationEvent.StockFreed freed -> {
                    stock.free(freed.lines());
                    gate.adjust(unitsOf(freed.lines(), +1));
                    announce(freed.lines(), false, Announcing.NOTHING);
                }
                case ReservationEvent.StockReturned returned -> {
                    stock.giveBack(returned.lines());
                    gate.adjust(unitsOf(returned.lines(), +1));
                    announce(returned.lines(), false, Announcing.NOTHING);
                }
                case ReservationEvent.ReservationRefused refused -> {
                }
                case ReservationEvent.HoldExtended extended -> {
                }
                case ReservationEvent.HoldAdopted adopted -> {
                }
            }
        }
    }

    /** The units of each counter the lines touch, times {@code sign}. */
    private static Map<CounterKey, Integer> unitsOf(List<Reservation.Line> lines, int sign) {
        Map<CounterKey, Integer> units = new LinkedHashMap<>();
        lines.forEach(line -> units.merge(CounterKey.of(line), sign * line.quantity(), Integer::sum));
        return units;
    }

    private static void afterCompletion(Consumer<Boolean> action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                action.accept(status == STATUS_COMMITTED);
            }
        });
    }

    /**
     * Has the stock levels of the products the lines touch announced (by the {@link StockAnnouncer}), and publishes a
     * low-stock event at once where availability fell below a warehouse's threshold.
     */
    void announce(List<Reservation.Line> lines, boolean availabilityFell) {
        announce(lines, availabilityFell, new Announcing(Map.of(), Set.of()));
    }

    /** What the caller already did towards announcing: rows it has as they now are, and products it marked. */
    private record Announcing(Map<String, List<Stock.Row>> knownRows, Set<String> marked) {
        static final Announcing NOTHING = new Announcing(Map.of(), Set.of());
    }

    private void announce(List<Reservation.Line> lines, boolean availabilityFell, Announcing done) {
        Map<String, List<Stock.Row>> knownRows = done.knownRows();
        List<String> products = lines.stream().map(Reservation.Line::productId).distinct().toList();
        stock.markChanged(products.stream().filter(product -> !done.marked().contains(product)).toList());
        if (!availabilityFell) {
            return;
        }
        for (String productId : products) {
            List<Stock.Row> rows = knownRows.containsKey(productId) ? knownRows.get(productId) : stock.rowsOf(productId);
            for (Reservation.Line line : lines) {
                rows.stream().filter(r -> r.stockId() == line.stockId())
                        .filter(r -> r.available() < r.lowStockThreshold() && r.available() + line.quantity() >= r.lowStockThreshold())
                        .forEach(r -> messaging.publish(OutgoingMessage.of(InventoryTopics.EVENTS, productId,
                                new LowStock(productId, r.variantId(), r.warehouseId(), r.available(), r.lowStockThreshold()))));
            }
        }
    }

    /** The lines of a command, refused before touching stock if a quantity is not positive. */
    static boolean isValid(List<StockLine> lines) {
        return lines != null && !lines.isEmpty()
                && lines.stream().allMatch(l -> l != null && l.productId() != null && l.quantity() > 0);
    }
}
