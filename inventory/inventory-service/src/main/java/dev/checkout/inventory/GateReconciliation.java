package dev.checkout.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.checkout.inventory.GateConnection.GateUnavailableException;
import dev.checkout.platform.core.JobLocks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the Redis gate true to PostgreSQL: loads counters that are missing, finds and repairs drift, and gives back
 * holds whose reservation never reached PostgreSQL.
 * <p>
 * A naive comparison of the two stores is racy: a hold in flight has left Redis but not yet reached PostgreSQL, and
 * setting Redis to PostgreSQL's figure then would count those units twice, putting Redis above the truth just as the
 * reservation commits. So one counter is reconciled like this, in one transaction:
 * <ol>
 * <li>lock the counter's stock rows in PostgreSQL: no reservation, release, expiry, restock or admin change of that
 * product can commit until we are done, and every such change that moves the counter does so while it holds these
 * rows, so none is half-applied now;</li>
 * <li>read, atomically in Redis, the counter and the holds in flight on it (each with its reservation id);</li>
 * <li>ask PostgreSQL which of those reservations are on record: those units are already in its figure. The others are
 * still in flight (or orphaned), taken from Redis but not from PostgreSQL;</li>
 * <li>the counter should be PostgreSQL's available units less the units in flight; move it by the difference (a
 * delta, never an absolute value, so the holds made meanwhile are kept), or load it if it is missing.</li>
 * </ol>
 * A repair therefore never puts Redis above the truth. The remaining ways Redis can be above it are outside events
 * (a counter changed by hand, a Redis that restarted without its last writes, reservations in flight while Redis was
 * flushed), and those are what the repair takes back down. Comparing every counter this way would lock every product,
 * so {@link #reconcileAll} first compares all counters cheaply, without locks, and reconciles exactly only those that
 * look wrong.
 */
@Service
class GateReconciliation {

    private static final Logger log = LoggerFactory.getLogger(GateReconciliation.class);
    private static final int BATCH = 200;

    enum Outcome { IN_SYNC, LOADED, REPAIRED, CHANGED_MEANWHILE }

    record Result(CounterKey counter, Outcome outcome, long correction) {
    }

    record Summary(int counters, int suspects, int loaded, int repaired, long unitsCorrected) {
    }

    private final Stock stock;
    private final Reservations reservations;
    private final StockGate gate;
    private final GateCounters gateCounters;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Duration orphanGrace;
    private final Map<CounterKey, CompletableFuture<Void>> loading = new ConcurrentHashMap<>();
    private final Counter raised;
    private final Counter lowered;
    private final Counter unitsRaised;
    private final Counter unitsLowered;
    private final Counter loads;
    private final Counter orphans;

    GateReconciliation(Stock stock, Reservations reservations, StockGate gate, GateCounters counters, PlatformTransactionManager transactions,
                       Clock clock, InventoryProperties properties, MeterRegistry meters) {
        this.stock = stock;
        this.reservations = reservations;
        this.gate = gate;
        this.gateCounters = counters;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.orphanGrace = properties.gate().orphanGrace();
        this.raised = Counter.builder("checkout.inventory.gate.repairs").tag("direction", "up")
                .description("Redis counters found below PostgreSQL and raised").register(meters);
        this.lowered = Counter.builder("checkout.inventory.gate.repairs").tag("direction", "down")
                .description("Redis counters found above PostgreSQL and lowered").register(meters);
        this.unitsRaised = Counter.builder("checkout.inventory.gate.drift").tag("direction", "up").baseUnit("units")
                .description("Units of drift corrected").register(meters);
        this.unitsLowered = Counter.builder("checkout.inventory.gate.drift").tag("direction", "down").baseUnit("units")
                .description("Units of drift corrected").register(meters);
        this.loads = Counter.builder("checkout.inventory.gate.loads").description("Redis counters loaded from PostgreSQL").register(meters);
        this.orphans = Counter.builder("checkout.inventory.gate.orphans")
                .description("Holds given back because their reservation never reached PostgreSQL").register(meters);
    }

    /** Reconciles one counter exactly (see the class comment), in a transaction of its own. */
    Result reconcile(CounterKey counter) {
        return reconcile(List.of(counter)).getFirst();
    }

    /**
     * Reconciles counters exactly (see the class comment), a batch per transaction: the batch's stock rows are locked
     * in the order reservations lock them, then one script reads every counter and one repairs them.
     */
    List<Result> reconcile(Collection<CounterKey> counters) {
        List<CounterKey> ordered = counters.stream().distinct().sorted(Stock.LOCK_ORDER).toList();
        List<Result> results = new ArrayList<>(ordered.size());
        for (int from = 0; from < ordered.size(); from += BATCH) {
            List<CounterKey> batch = ordered.subList(from, Math.min(from + BATCH, ordered.size()));
            results.addAll(ownTransaction.execute(status -> reconcileLocked(batch)));
        }
        return results;
    }

    private List<Result> reconcileLocked(List<CounterKey> batch) {
        List<Long> postgres = batch.stream().map(stock::lockAvailable).map(Integer::longValue).toList();
        List<GateCounters.Snapshot> snapshots = gateCounters.snapshot(batch);
        Set<String> recorded = reservations.recorded(snapshots.stream().flatMap(s -> s.inFlight().keySet().stream()).toList());
        List<GateCounters.Repair> repairs = new ArrayList<>(batch.size());
        List<Long> inFlight = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            GateCounters.Snapshot snapshot = snapshots.get(i);
            long unrecorded = snapshot.inFlight().entrySet().stream()
                    .filter(held -> !recorded.contains(held.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            long expected = postgres.get(i) - unrecorded;
            inFlight.add(unrecorded);
            repairs.add(!snapshot.loaded() ? GateCounters.Repair.load(batch.get(i), expected)
                    : expected != snapshot.available() ? GateCounters.Repair.shift(batch.get(i), expected - snapshot.available())
                    : GateCounters.Repair.none(batch.get(i)));
        }
        List<Boolean> applied = gateCounters.repair(repairs);
        List<Result> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            GateCounters.Repair repair = repairs.get(i);
            CounterKey counter = batch.get(i);
            if (!applied.get(i)) {
                results.add(new Result(counter, Outcome.CHANGED_MEANWHILE, 0));
            } else if (repair.operation().equals("load")) {
                loads.increment();
                results.add(new Result(counter, Outcome.LOADED, 0));
            } else if (repair.operation().equals("shift")) {
                long correction = repair.value();
                (correction > 0 ? raised : lowered).increment();
                (correction > 0 ? unitsRaised : unitsLowered).increment(Math.abs(correction));
                log.warn("inventory gate drift repaired on {}: Redis had {}, PostgreSQL has {} available with {} in flight; corrected by {}",
                        counter, snapshots.get(i).available(), postgres.get(i), inFlight.get(i), correction > 0 ? "+" + correction : correction);
                results.add(new Result(counter, Outcome.REPAIRED, correction));
            } else {
                results.add(new Result(counter, Outcome.IN_SYNC, 0));
            }
        }
        return results;
    }

    /**
     * Loads counters the gate found missing. Callers asking for the same counter at once share one load, so a flushed
     * Redis under a flash sale costs one locked read per product, not one per request. A load that fails is left to
     * the gate's recovery.
     */
    void load(Collection<CounterKey> counters) {
        for (CounterKey counter : counters) {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> running = loading.putIfAbsent(counter, mine);
            if (running != null) {
                running.exceptionally(failure -> null).join();
                continue;
            }
            try {
                reconcile(List.of(counter));
                mine.complete(null);
            } catch (GateUnavailableException e) {
                mine.completeExceptionally(e);
                gate.repairSoon(List.of(counter));
            } finally {
                loading.remove(counter, mine);
            }
        }
    }

    /** Compares every counter with PostgreSQL without locks, then reconciles exactly those that look wrong. */
    Summary reconcileAll() {
        List<Stock.CounterLevel> levels = stock.counterLevels();
        List<CounterKey> suspects = new ArrayList<>();
        for (int from = 0; from < levels.size(); from += BATCH) {
            JobLocks.stillWorking();
            List<Stock.CounterLevel> batch = levels.subList(from, Math.min(from + BATCH, levels.size()));
            List<GateCounters.Reading> readings = gateCounters.read(batch.stream().map(Stock.CounterLevel::counter).toList());
            for (int i = 0; i < batch.size(); i++) {
                GateCounters.Reading reading = readings.get(i);
                if (!reading.loaded() || reading.available() != batch.get(i).available() - reading.inFlight()) {
                    suspects.add(batch.get(i).counter());
                }
            }
        }
        int loaded = 0;
        int repaired = 0;
        long units = 0;
        for (Result result : reconcile(suspects)) {
            switch (result.outcome()) {
                case LOADED -> loaded++;
                case REPAIRED -> {
                    repaired++;
                    units += Math.abs(result.correction());
                }
                case CHANGED_MEANWHILE -> gate.repairSoon(List.of(result.counter()));
                case IN_SYNC -> {
                }
            }
        }
        return new Summary(levels.size(), suspects.size(), loaded, repaired, units);
    }

    /**
     * Gives back the holds in flight for longer than the grace whose reservation never reached PostgreSQL: the process
     * died between the Redis step and the PostgreSQL step. Each owner is examined under its advisory lock, which its
     * reservation attempt holds from before it checks its hold until it commits, so a hold whose attempt is still at
     * work is never taken. A hold whose reservation did commit (its settle was lost) is settled instead.
     *
     * @return how many holds were given back
     */
    int releaseOrphans() {
        Instant before = clock.instant().minus(orphanGrace);
        int released = 0;
        for (String owner : gate.ownersInFlightSince(before)) {
            Boolean givenBack = ownTransaction.execute(status -> {
                if (!reservations.tryLockOwner(owner)) {
                    return false;
                }
                StockGate.Hold hold = gate.holdOf(owner);
                if (hold.reservationId() == null) {
                    gate.forgetInFlight(owner); // the hold itself is gone (Redis lost it): nothing to give back
                    return false;
                }
                if (!reservations.recorded(List.of(hold.reservationId())).isEmpty()) {
                    gate.settle(owner, hold.reservationId(), hold.units().keySet());
                    return false;
                }
                gate.giveBack(owner, hold.reservationId(), hold.units().keySet(), Set.of());
                orphans.increment();
                log.warn("inventory gate gave back the hold of {} (reservation {}, {}): it never reached PostgreSQL",
                        owner, hold.reservationId(), hold.units());
                return true;
            });
            if (Boolean.TRUE.equals(givenBack)) {
                released++;
            }
        }
        return released;
    }
}
