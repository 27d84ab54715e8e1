package dev.checkout.order.saga.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory stand-ins for the saga engine's ports, so sagas are tested without a broker or a database. */
public final class SagaFakes {

    private SagaFakes() {
    }

    public record Entry(String step, SagaStore.StepAction action, SagaStore.StepOutcome outcome) {
    }

    public static final class InMemoryStore implements SagaStore {
        final Map<String, SagaInstance<?>> byTypeAndOrder = new HashMap<>();
        public final List<Entry> log = new ArrayList<>();

        @Override
        public void insert(SagaInstance<?> saga, List<LogEntry> entries) {
            byTypeAndOrder.put(saga.type() + "/" + saga.orderId(), saga);
            entries.forEach(e -> log.add(new Entry(e.step(), e.action(), e.outcome())));
        }

        @Override
        public void update(SagaInstance<?> saga, List<LogEntry> entries) {
            insert(saga, entries);
        }

        @Override
        public List<Stored> lockActive(String orderId) {
            return byTypeAndOrder.values().stream().filter(s -> s.orderId().equals(orderId) && s.status().isActive())
                    .map(InMemoryStore::stored).toList();
        }

        @Override
        public Optional<Stored> lock(String type, String orderId) {
            return Optional.ofNullable(byTypeAndOrder.get(type + "/" + orderId)).map(InMemoryStore::stored);
        }

        private static Stored stored(SagaInstance<?> saga) {
            return new Stored() {
                @Override
                public String type() {
                    return saga.type();
                }

                @Override
                @SuppressWarnings("unchecked")
                public <D> SagaInstance<D> as(Class<D> dataType) {
                    return (SagaInstance<D>) saga;
                }
            };
        }

        /** The order's only saga (tests with one saga per order). */
        @SuppressWarnings("unchecked")
        public <D> SagaInstance<D> saga(String orderId) {
            return (SagaInstance<D>) byTypeAndOrder.values().stream().filter(s -> s.orderId().equals(orderId)).findFirst().orElse(null);
        }
    }

    public static final class RecordingBus implements CommandBus {
        public final List<Command> commands = new ArrayList<>();

        @Override
        public void send(String sagaId, String orderId, Command command) {
            commands.add(command);
        }

        public List<Class<?>> sentTypes() {
            return commands.stream().<Class<?>>map(c -> c.payload().getClass()).toList();
        }

        @SuppressWarnings("unchecked")
        public <T> T last(Class<T> type) {
            for (int i = commands.size() - 1; i >= 0; i--) {
                if (type.isInstance(commands.get(i).payload())) {
                    return (T) commands.get(i).payload();
                }
            }
            throw new AssertionError("no " + type.getSimpleName() + " was sent; sent: " + sentTypes());
        }
    }

    public static final class RecordingOutcomes<D> implements SagaEngine.Outcomes<D> {
        public final List<String> completed = new ArrayList<>();
        public final List<String> compensated = new ArrayList<>();
        public final List<String> compensationFailed = new ArrayList<>();

        @Override
        public void completed(SagaInstance<D> saga) {
            completed.add(saga.orderId());
        }

        @Override
        public void compensated(SagaInstance<D> saga, String reason) {
            compensated.add(saga.orderId() + ":" + reason);
        }

        @Override
        public void compensationFailed(SagaInstance<D> saga, String reason) {
            compensationFailed.add(saga.orderId() + ":" + reason);
        }
    }

    public static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T10:00:00Z");

        public void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
