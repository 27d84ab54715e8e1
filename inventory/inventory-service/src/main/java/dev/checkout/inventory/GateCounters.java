package dev.checkout.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.inventory.GateConnection.Script;
import org.springframework.stereotype.Component;

/**
 * The gate's counters as reconciliation sees them: read many at once (with the holds in flight on each), and repaired
 * atomically. The hot path never uses these; it is {@link StockGate}'s.
 */
@Component
class GateCounters {

    /** A counter as reconciliation reads it: loaded or not, its value, and the units of each reservation in flight on it. */
    record Snapshot(boolean loaded, long available, Map<String, Integer> inFlight) {
    }

    /** A counter as the cheap comparison pass reads it. */
    record Reading(boolean loaded, long available, long inFlight) {
    }

    private final GateConnection redis;

    GateCounters(GateConnection redis) {
        this.redis = redis;
    }

    /** Counters and the holds in flight on them, read atomically. */
    List<Snapshot> snapshot(List<CounterKey> counters) {
        List<String> keys = new ArrayList<>(counters.size() * 2);
        counters.forEach(c -> keys.add(c.availableKey()));
        counters.forEach(c -> keys.add(c.inFlightKey()));
        List<Object> reply = redis.run(Script.SNAPSHOT, keys, List.of());
        List<Snapshot> snapshots = new ArrayList<>(counters.size());
        int at = 0;
        for (int i = 0; i < counters.size(); i++) {
            boolean loaded = (Long) reply.get(at) == 1;
            long available = (Long) reply.get(at + 1);
            int holds = ((Long) reply.get(at + 2)).intValue();
            at += 3;
            Map<String, Integer> inFlight = new LinkedHashMap<>();
            for (int h = 0; h < holds; h++, at += 2) {
                inFlight.put((String) reply.get(at), ((Long) reply.get(at + 1)).intValue());
            }
            snapshots.add(new Snapshot(loaded, available, inFlight));
        }
        return snapshots;
    }

    /** Many counters at once, for a cheap first comparison. */
    List<Reading> read(List<CounterKey> counters) {
        List<String> keys = new ArrayList<>(counters.size() * 2);
        counters.forEach(c -> keys.add(c.availableKey()));
        counters.forEach(c -> keys.add(c.inFlightKey()));
        List<Long> reply = redis.run(Script.COMPARE, keys, List.of());
        List<Reading> readings = new ArrayList<>(counters.size());
        for (int i = 0; i < reply.size(); i += 3) {
            readings.add(new Reading(reply.get(i) == 1, reply.get(i + 1), reply.get(i + 2)));
        }
        return readings;
    }

    /** What reconciliation does to one counter: load it, shift it by a delta, or nothing. */
    record Repair(CounterKey counter, String operation, long value) {
        static Repair load(CounterKey counter, long available) {
            return new Repair(counter, "load", available);
        }

        static Repair shift(CounterKey counter, long delta) {
            return new Repair(counter, "shift", delta);
        }

        static Repair none(CounterKey counter) {
            return new Repair(counter, "none", 0);
        }
    }

    /** Applies the repairs atomically; for each, whether it applied (false: the counter was loaded or flushed meanwhile). */
    List<Boolean> repair(List<Repair> repairs) {
        List<String> arguments = new ArrayList<>(repairs.size() * 2);
        repairs.forEach(r -> {
            arguments.add(r.operation());
            arguments.add(Long.toString(r.value()));
        });
        List<Long> applied = redis.run(Script.REPAIR, repairs.stream().map(r -> r.counter().availableKey()).toList(), arguments);
        return applied.stream().map(a -> a == 1).toList();
    }
}
