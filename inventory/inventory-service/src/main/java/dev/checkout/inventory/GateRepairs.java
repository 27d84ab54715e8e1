package dev.checkout.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The gate counters asked to be reconciled soon: by the hot path when PostgreSQL contradicted a counter or a call about
 * it failed, by reconciliation when a repair did not apply. {@link GateRecovery} takes them a batch at a time.
 */
@Component
class GateRepairs {

    private final Set<CounterKey> asked = ConcurrentHashMap.newKeySet();

    void ask(Collection<CounterKey> counters) {
        asked.addAll(counters);
    }

    /** Whether the counter is waiting to be repaired. */
    boolean isAsked(CounterKey counter) {
        return asked.contains(counter);
    }

    /** The counters asked to be repaired, removed from the list (a repair that fails asks again). */
    List<CounterKey> take() {
        List<CounterKey> taken = new ArrayList<>();
        for (CounterKey counter : asked) {
            if (asked.remove(counter)) {
                taken.add(counter);
            }
        }
        return taken;
    }
}
