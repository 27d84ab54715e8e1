package dev.checkout.order.saga.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The orchestrator's sagas by type: a participant's reply goes to the order's active saga that waits for it, and an
 * overdue saga to the engine of its type, without the caller knowing which sagas exist.
 */
public final class Sagas {

    private final SagaStore store;
    private final Map<String, SagaEngine<?>> engines = new LinkedHashMap<>();

    public Sagas(SagaStore store, List<SagaEngine<?>> engines) {
        this.store = store;
        for (SagaEngine<?> engine : engines) {
            if (this.engines.put(engine.definition().type(), engine) != null) {
                throw new IllegalArgumentException("two sagas of type " + engine.definition().type());
            }
        }
    }

    /**
     * Applies a reply to the order's active saga whose current step takes it: one query finds and locks the order's
     * active sagas. Returns the saga it moved, if any; a reply no saga waits for (late, repeated) changes nothing.
     */
    public Optional<Moved> handle(String orderId, Object reply) {
        for (SagaStore.Stored stored : store.lockActive(orderId)) {
            SagaEngine<?> engine = engines.get(stored.type());
            if (engine != null) {
                Optional<? extends SagaInstance<?>> moved = engine.handle(stored, reply);
                if (moved.isPresent()) {
                    return Optional.of(new Moved(engine, moved.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** Lets the engine of {@code type} decide about the order's overdue saga: send again, fail, or compensate again. */
    public boolean timeOut(String type, String orderId) {
        SagaEngine<?> engine = engines.get(type);
        return engine != null && engine.timeOut(orderId);
    }

    /** A saga a reply moved, and the engine that moved it. */
    public record Moved(SagaEngine<?> engine, SagaInstance<?> saga) {

        /** Where the saga now stands: its current step's name, or {@code end}. */
        public String position() {
            return saga.status().isActive() ? engine.definition().steps().get(saga.stepIndex()).name() : "end";
        }
    }
}
