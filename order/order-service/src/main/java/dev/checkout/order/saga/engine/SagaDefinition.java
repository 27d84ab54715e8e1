package dev.checkout.order.saga.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A saga as a table of steps. Build one with {@link #of}; each {@link StepBuilder#step} starts the next row:
 *
 * <pre>{@code
 * SagaDefinition.of("checkout", Data.class)
 *     .step("reserve_stock")
 *         .invoke(data -> new Command(...ReserveStock...))
 *         .onReply(StockReserved.class, (data, reply) -> data.with(reply))
 *         .failOn(StockReservationFailed.class, reply -> "insufficient_stock")
 *         .compensateWith(data -> new Command(...ReleaseStock...), StockReleased.class)
 *     .step("confirm_order")
 *         .local(data -> ...)
 *     .build();
 * }</pre>
 *
 * A remote step that times out is sent again ({@link StepBuilder#retries}) and then fails with its timeout reason;
 * when it has a compensation, that compensation runs too, because a step that never answered may have taken effect.
 */
public final class SagaDefinition<D> {

    private final String type;
    private final Class<D> dataType;
    private final List<Step<D>> steps;

    private SagaDefinition(String type, Class<D> dataType, List<Step<D>> steps) {
        this.type = type;
        this.dataType = dataType;
        this.steps = List.copyOf(steps);
    }

    public static <D> Builder<D> of(String type, Class<D> dataType) {
        return new Builder<>(type, dataType);
    }

    public String type() {
        return type;
    }

    public Class<D> dataType() {
        return dataType;
    }

    public List<Step<D>> steps() {
        return steps;
    }

    public List<String> stepNames() {
        return steps.stream().map(Step::name).toList();
    }

    /** One row of the table. */
    public record Step<D>(
            String name,
            Function<D, Command> invoke,
            UnaryOperator<D> local,
            Map<Class<?>, BiFunction<D, Object, D>> successReplies,
            Map<Class<?>, Function<Object, String>> failureReplies,
            Function<D, Command> compensation,
            Class<?> compensationReply,
            Map<Class<?>, Function<Object, String>> compensationFailures,
            Duration timeout,
            int retries,
            String timeoutReason) {

        public boolean isLocal() {
            return local != null;
        }

        public boolean hasCompensation() {
            return compensation != null;
        }
    }

    public static final class Builder<D> {
        private final String type;
        private final Class<D> dataType;
        private final List<Step<D>> steps = new ArrayList<>();

        private Builder(String type, Class<D> dataType) {
            this.type = type;
            this.dataType = dataType;
        }

        public StepBuilder<D> step(String name) {
            return new StepBuilder<>(this, name);
        }

        private SagaDefinition<D> build() {
            return new SagaDefinition<>(type, dataType, steps);
        }
    }

    public static final class StepBuilder<D> {
        private final Builder<D> saga;
        private final String name;
        private Function<D, Command> invoke;
        private UnaryOperator<D> local;
        private final Map<Class<?>, BiFunction<D, Object, D>> successReplies = new LinkedHashMap<>();
        private final Map<Class<?>, Function<Object, String>> failureReplies = new LinkedHashMap<>();
        private Function<D, Command> compensation;
        private Class<?> compensationReply;
        private final Map<Class<?>, Function<Object, String>> compensationFailures = new LinkedHashMap<>();
        private Duration timeout = Duration.ofSeconds(30);
        private int retries = 3;
        private String timeoutReason;

        private StepBuilder(Builder<D> saga, String name) {
            this.saga = saga;
            this.name = name;
            this.timeoutReason = name + "_timeout";
        }

        /** The command this step sends. */
        public StepBuilder<D> invoke(Function<D, Command> command) {
            this.invoke = command;
            return this;
        }

        /** An action done in the orchestrator's own transaction instead of a command. */
        public StepBuilder<D> local(UnaryOperator<D> action) {
            this.local = action;
            return this;
        }

        /** A reply meaning the step succeeded, and what it adds to the saga's data. */
        @SuppressWarnings("unchecked")
        public <R> StepBuilder<D> onReply(Class<R> reply, BiFunction<D, R, D> update) {
            successReplies.put(reply, (data, message) -> update.apply(data, (R) message));
            return this;
        }

        public StepBuilder<D> onReply(Class<?> reply) {
            successReplies.put(reply, (data, message) -> data);
            return this;
        }

        /** A reply meaning the step failed, and the failure reason it gives the saga. */
        @SuppressWarnings("unchecked")
        public <R> StepBuilder<D> failOn(Class<R> reply, Function<R, String> reason) {
            failureReplies.put(reply, message -> reason.apply((R) message));
            return this;
        }

        /** How to undo this step once it took effect, and the reply that says it is undone. */
        public StepBuilder<D> compensateWith(Function<D, Command> command, Class<?> doneReply) {
            this.compensation = command;
            this.compensationReply = doneReply;
            return this;
        }

        /** A reply meaning the compensation cannot be done: the saga ends FAILED for an operator. */
        @SuppressWarnings("unchecked")
        public <R> StepBuilder<D> compensationFailsOn(Class<R> reply, Function<R, String> reason) {
            compensationFailures.put(reply, message -> reason.apply((R) message));
            return this;
        }

        /** How long to wait for a reply before sending again. */
        public StepBuilder<D> timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** How often to send again after a timeout before the step fails. */
        public StepBuilder<D> retries(int retries) {
            this.retries = retries;
            return this;
        }

        /** The failure reason when the step never answers. */
        public StepBuilder<D> failsOnTimeoutWith(String reason) {
            this.timeoutReason = reason;
            return this;
        }

        public StepBuilder<D> step(String next) {
            add();
            return saga.step(next);
        }

        public SagaDefinition<D> build() {
            add();
            return saga.build();
        }

        private void add() {
            if ((invoke == null) == (local == null)) {
                throw new IllegalStateException("step " + name + " must either invoke a command or be local");
            }
            if (invoke != null && successReplies.isEmpty()) {
                throw new IllegalStateException("step " + name + " has no reply that completes it");
            }
            saga.steps.add(new Step<>(name, invoke, local, Map.copyOf(successReplies), Map.copyOf(failureReplies),
                    compensation, compensationReply, Map.copyOf(compensationFailures), timeout, retries, timeoutReason));
        }
    }
}
