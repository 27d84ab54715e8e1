package dev.checkout.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.checkout.inventory.GateConnection.GateUnavailableException;
import dev.checkout.inventory.GateConnection.Script;
import dev.checkout.inventory.api.StockLine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The Redis fast gate in front of PostgreSQL. One Lua script checks every line of a reservation against Redis
 * counters and decrements them all, or none: a sold-out product is refused here without touching PostgreSQL, and what
 * the gate lets through is then reserved for real by PostgreSQL's conditional update. Redis therefore never decides
 * that stock exists; it only turns away demand early. PostgreSQL stays the truth, and every way the two can part is
 * kept on the safe side (Redis lower than PostgreSQL: a false refusal, not an oversell) and repaired by
 * {@link GateReconciliation}.
 * <p>
 * Between the two steps a hold is <em>in flight</em>: Redis records it (the owner's hold, the owner in a sorted set
 * by time, and the units on each counter's in-flight hash) until the PostgreSQL transaction commits (the hold is
 * settled) or fails (it is given back). A hold whose process died in between is found and given back by
 * reconciliation. Counters that PostgreSQL changes later (a release, an expiry, a restock, an admin) move in the same
 * transaction, while the stock rows are locked, so reconciliation under those locks sees both stores agree.
 * <p>
 * The gate decides only while it is <em>trusted</em>: connected, and its counters reconciled since Redis last failed
 * or dropped the connection. Otherwise every reservation goes to PostgreSQL alone, slower and still exact.
 */
@Component
class StockGate {

    private static final Logger log = LoggerFactory.getLogger(StockGate.class);
    /** The field of an owner's hold that names its reservation (counter ids never start with '@'). */
    private static final String RESERVATION_FIELD = "@reservation";

    /** What the gate said about a reservation. */
    enum Verdict {
        /** Every line is held in Redis; PostgreSQL must now reserve it. */
        HELD,
        /** Some line is short: refused, nothing changed anywhere. */
        SHORT,
        /** The owner went through the gate before: PostgreSQL has its reservation (or the remains of a crashed attempt). */
        KNOWN,
        /** A counter is not loaded yet. */
        MISSING,
        /** The gate is not trusted now: PostgreSQL decides alone. */
        BYPASSED
    }

    /** The verdict, what was short or missing, and when the hold was made (epoch ms, for {@link Verdict#HELD}). */
    record Decision(Verdict verdict, List<Reservation.Shortfall> shortfalls, List<CounterKey> missing, long heldAt) {
        static final Decision KNOWN = new Decision(Verdict.KNOWN, List.of(), List.of(), 0);
        static final Decision BYPASSED = new Decision(Verdict.BYPASSED, List.of(), List.of(), 0);

        boolean is(Verdict expected) {
            return verdict == expected;
        }
    }

    /** An owner's hold as Redis recorded it: the reservation it is for and the units per counter. */
    record Hold(String reservationId, Map<CounterKey, Integer> units) {
    }

    private final GateConnection redis;
    private final Clock clock;
    private final Duration ownerMemory;
    private final GateRepairs repairs;
    private final Map<Verdict, Counter> decisions = new EnumMap<>(Verdict.class);
    /** The outage after which the counters were last reconciled; the gate is trusted while no outage followed. */
    private volatile long reconciledAfter = -1;

    StockGate(GateConnection redis, GateRepairs repairs, Clock clock, InventoryProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.repairs = repairs;
        this.clock = clock;
        this.ownerMemory = properties.gate().ownerMemory();
        for (Verdict verdict : Verdict.values()) {
            decisions.put(verdict, Counter.builder("checkout.inventory.gate.decisions").tag("verdict", verdict.name().toLowerCase())
                    .description("Reservations by what the Redis gate said").register(meters));
        }
        Gauge.builder("checkout.inventory.gate.trusted", this, gate -> gate.isTrusted() ? 1 : 0)
                .description("1 while the Redis gate decides, 0 while reservations go to PostgreSQL alone").register(meters);
    }

    /** Whether the gate decides now (connected, counters reconciled since the last outage). */
    boolean isTrusted() {
        return reconciledAfter == redis.outages() && redis.isConnected();
    }

    /** The outage number to hand to {@link #trustAfter} once a full reconciliation that started now has finished. */
    long currentOutage() {
        return redis.outages();
    }

    /** The counters were reconciled after {@code outage}; trusted unless another outage began meanwhile. */
    void trustAfter(long outage) {
        if (reconciledAfter != outage) {
            reconciledAfter = outage;
            if (isTrusted()) {
                log.info("inventory gate trusted again: counters reconciled with PostgreSQL");
            }
        }
    }

    /**
     * Holds every line for the owner in one script, or nothing, as the reservation {@code reservationId} the PostgreSQL
     * step will record. Lines must be merged (one per product and variant).
     */
    Decision hold(String ownerId, String reservationId, List<StockLine> lines) {
        if (!isTrusted()) {
            return count(Decision.BYPASSED);
        }
        List<CounterKey> counters = lines.stream().map(CounterKey::of).toList();
        List<String> keys = new ArrayList<>(2 + 2 * lines.size());
        keys.add(CounterKey.ownerKey(ownerId));
        keys.add(CounterKey.OWNERS_IN_FLIGHT);
        counters.forEach(c -> keys.add(c.availableKey()));
        counters.forEach(c -> keys.add(c.inFlightKey()));
        List<String> arguments = new ArrayList<>(2 + 2 * lines.size());
        long now = clock.millis();
        arguments.add(ownerId);
        arguments.add(Long.toString(now));
        arguments.add(reservationId);
        counters.forEach(c -> arguments.add(c.id()));
        lines.forEach(l -> arguments.add(Integer.toString(l.quantity())));
        List<Object> reply;
        try {
            reply = redis.run(Script.HOLD, keys, arguments);
        } catch (GateUnavailableException e) {
            return count(Decision.BYPASSED);
        }
        return count(switch ((String) reply.getFirst()) {
            case "held" -> new Decision(Verdict.HELD, List.of(), List.of(), now);
            case "known" -> Decision.KNOWN;
            case "missing" -> new Decision(Verdict.MISSING, List.of(),
                    reply.subList(1, reply.size()).stream().map(i -> counters.get(((Long) i).intValue() - 1)).toList(), 0);
            case "short" -> {
                List<Reservation.Shortfall> shortfalls = new ArrayList<>();
                for (int i = 1; i < reply.size(); i += 2) {
                    StockLine line = lines.get(((Long) reply.get(i)).intValue() - 1);
                    shortfalls.add(new Reservation.Shortfall(line.productId(), line.variantId(), line.quantity(),
                            (int) Math.max(0, (Long) reply.get(i + 1))));
                }
                yield new Decision(Verdict.SHORT, shortfalls, List.of(), 0);
            }
            default -> throw new IllegalStateException("unexpected reply from the gate script: " + reply);
        });
    }

    /**
     * Whether the owner's hold for this reservation is still there: not given back as an orphan while its attempt
     * waited, not lost with a flushed Redis. Ask it under the owner's lock, when nothing else can change the hold.
     */
    boolean stillHolds(String ownerId, String reservationId) {
        try {
            return reservationId.equals(redis.call(commands -> commands.hget(CounterKey.ownerKey(ownerId), RESERVATION_FIELD)));
        } catch (GateUnavailableException e) {
            return false;
        }
    }

    /** The PostgreSQL step of this reservation committed: its hold is part of it now. False if the hold was gone. */
    boolean settle(String ownerId, String reservationId, Collection<CounterKey> counters) {
        List<String> keys = new ArrayList<>(List.of(CounterKey.ownerKey(ownerId), CounterKey.OWNERS_IN_FLIGHT));
        counters.forEach(c -> keys.add(c.inFlightKey()));
        try {
            Long settled = redis.run(Script.SETTLE, keys, List.of(ownerId, reservationId, Long.toString(ownerMemory.toMillis())));
            return settled == 1;
        } catch (GateUnavailableException e) {
            return false; // stays in flight; reconciliation settles it
        }
    }

    /**
     * Undoes the owner's hold in flight for this reservation (a hold of another attempt is left alone), giving every
     * line back except those in {@code keepOff}. False if there was no such hold in flight.
     */
    boolean giveBack(String ownerId, String reservationId, Collection<CounterKey> counters, Set<CounterKey> keepOff) {
        List<String> keys = new ArrayList<>();
        keys.add(CounterKey.ownerKey(ownerId));
        keys.add(CounterKey.OWNERS_IN_FLIGHT);
        counters.forEach(c -> keys.add(c.availableKey()));
        counters.forEach(c -> keys.add(c.inFlightKey()));
        List<String> arguments = new ArrayList<>(List.of(ownerId, reservationId));
        counters.forEach(c -> arguments.add(keepOff.contains(c) ? "0" : "1"));
        try {
            Long undone = redis.run(Script.GIVE_BACK, keys, arguments);
            return undone == 1;
        } catch (GateUnavailableException e) {
            return false; // stays in flight; reconciliation gives it back as an orphan
        }
    }

    /** The owner's hold as Redis recorded it; empty units when Redis holds nothing for the owner. */
    Hold holdOf(String ownerId) {
        Map<String, String> hold = redis.call(commands -> commands.hgetall(CounterKey.ownerKey(ownerId)));
        Map<CounterKey, Integer> counters = new LinkedHashMap<>();
        hold.forEach((field, units) -> {
            if (!field.equals(RESERVATION_FIELD)) {
                counters.put(CounterKey.parse(field), Integer.parseInt(units));
            }
        });
        return new Hold(hold.get(RESERVATION_FIELD), counters);
    }

    /** Drops an owner from the holds in flight whose hold is gone. */
    void forgetInFlight(String ownerId) {
        redis.call(commands -> commands.zrem(CounterKey.OWNERS_IN_FLIGHT, ownerId));
    }

    /** Owners whose hold has been in flight since before {@code before}. */
    List<String> ownersInFlightSince(Instant before) {
        return redis.call(commands -> commands.zrangebyscore(CounterKey.OWNERS_IN_FLIGHT,
                io.lettuce.core.Range.create(0, (double) before.toEpochMilli())));
    }

    /**
     * Moves loaded counters by what PostgreSQL frees (+) or takes (-) in the current transaction, while it holds the
     * stock rows (reconciliation locks them too, so it never sees one store moved and the other not); undone on
     * rollback. A failure is left to the reconciliation after every outage; unloaded counters are loaded soon after.
     */
    void adjust(Map<CounterKey, Integer> deltas) {
        Map<CounterKey, Integer> moves = new LinkedHashMap<>();
        deltas.forEach((counter, delta) -> {
            if (delta != 0) {
                moves.merge(counter, delta, Integer::sum);
            }
        });
        if (moves.isEmpty()) {
            return;
        }
        List<CounterKey> counters = List.copyOf(moves.keySet());
        List<Long> moved;
        try {
            moved = redis.run(Script.ADJUST, counters.stream().map(CounterKey::availableKey).toList(),
                    counters.stream().map(c -> Integer.toString(moves.get(c))).toList());
        } catch (GateUnavailableException e) {
            return;
        }
        List<CounterKey> notLoaded = new ArrayList<>();
        for (int i = 0; i < counters.size(); i++) {
            if (moved.get(i) == 0) {
                notLoaded.add(counters.get(i));
            }
        }
        // Stock that just changed is about to be asked for: load its counter now, but only once this transaction has
        // committed. A load that ran before would not see a stock row this transaction inserts (no row, no lock to
        // wait for), would load 0, and the gate would refuse the new stock until the next reconciliation.
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            repairSoon(notLoaded);
            return;
        }
        Map<CounterKey, Integer> undo = new LinkedHashMap<>();
        for (int i = 0; i < counters.size(); i++) {
            if (moved.get(i) == 1) {
                undo.put(counters.get(i), -moves.get(counters.get(i)));
            }
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    repairSoon(notLoaded);
                } else if (!undo.isEmpty()) {
                    try {
                        redis.run(Script.ADJUST, undo.keySet().stream().map(CounterKey::availableKey).toList(),
                                undo.values().stream().map(String::valueOf).toList());
                    } catch (GateUnavailableException e) {
                        repairSoon(undo.keySet());
                    }
                }
            }
        });
    }

    /** Asks for these counters to be reconciled soon (PostgreSQL contradicted them, or a call about them failed). */
    void repairSoon(Collection<CounterKey> counters) {
        repairs.ask(counters);
    }

    private Decision count(Decision decision) {
        decisions.get(decision.verdict()).increment();
        return decision;
    }
}
