package dev.checkout.order.saga;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.checkout.order.saga.SagaStore.StepAction;
import dev.checkout.order.saga.SagaStore.StepOutcome;

/**
 * Runs one saga definition. Each method is one transition, to be called inside a transaction: it loads (and locks)
 * the saga, moves it, sends whatever command the new position needs and persists state and step log, so a crash at
 * any point leaves either the old state and no command or the new state and its command.
 * <p>
 * Replies that do not fit where the saga is (late, duplicated, for a step already passed) are ignored: participants
 * are idempotent and the saga only listens to the step it is on.
 */
public final class SagaEngine<D> {

    /** What the orchestrating service does when a saga ends. */
    public interface Outcomes<D> {
        void completed(SagaInstance<D> saga);

        /** Every step that took effect was undone; {@code reason} is why the saga could not complete. */
        void compensated(SagaInstance<D> saga, String reason);

        /** A compensation could not be made; the saga needs an operator. */
        void compensationFailed(SagaInstance<D> saga, String reason);
    }

    private static final Duration MAX_COMPENSATION_BACKOFF = Duration.ofMinutes(5);

    private final SagaDefinition<D> definition;
    private final SagaStore store;
    private final CommandBus bus;
    private final Outcomes<D> outcomes;
    private final Clock clock;

    public SagaEngine(SagaDefinition<D> definition, SagaStore store, CommandBus bus, Outcomes<D> outcomes, Clock clock) {
        this.definition = definition;
        this.store = store;
        this.bus = bus;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    public SagaDefinition<D> definition() {
        return definition;
    }

    public SagaInstance<D> start(String sagaId, String orderId, D data) {
        SagaInstance<D> saga = new SagaInstance<>(sagaId, definition.type(), orderId, SagaStatus.RUNNING, 0, data, null, 0, null, 0);
        store.insert(saga);
        forward(saga, 0);
        store.update(saga);
        return saga;
    }

    /** Applies a reply for the order's saga; returns whether it moved the saga. */
    public boolean handle(String orderId, Object reply) {
        Optional<SagaInstance<D>> found = store.lockByOrder(definition.type(), orderId, definition.dataType());
        if (found.isEmpty() || !found.get().status().isActive()) {
            return false;
        }
        SagaInstance<D> saga = found.get();
        SagaDefinition.Step<D> step = definition.steps().get(saga.stepIndex());
        Instant now = clock.instant();
        if (saga.status() == SagaStatus.RUNNING) {
            var success = step.successReplies().get(reply.getClass());
            if (success != null) {
                saga.data(success.apply(saga.data(), reply));
                store.log(saga.sagaId(), step.name(), StepAction.INVOKE, StepOutcome.COMPLETED, null, now);
                forward(saga, saga.stepIndex() + 1);
                store.update(saga);
                return true;
            }
            var failure = step.failureReplies().get(reply.getClass());
            if (failure != null) {
                String reason = failure.apply(reply);
                store.log(saga.sagaId(), step.name(), StepAction.INVOKE, StepOutcome.FAILED, reason, now);
                saga.failedBecause(reason);
                backward(saga, saga.stepIndex() - 1);
                store.update(saga);
                return true;
            }
            return false;
        }
        if (reply.getClass().equals(step.compensationReply())) {
            store.log(saga.sagaId(), step.name(), StepAction.COMPENSATE, StepOutcome.COMPENSATED, null, now);
            backward(saga, saga.stepIndex() - 1);
            store.update(saga);
            return true;
        }
        var compensationFailure = step.compensationFailures().get(reply.getClass());
        if (compensationFailure != null) {
            String reason = compensationFailure.apply(reply);
            store.log(saga.sagaId(), step.name(), StepAction.COMPENSATE, StepOutcome.FAILED, reason, now);
            saga.moveTo(SagaStatus.FAILED, saga.stepIndex(), null);
            store.log(saga.sagaId(), step.name(), StepAction.END, StepOutcome.FAILED, reason, now);
            outcomes.compensationFailed(saga, reason);
            store.update(saga);
            return true;
        }
        return false;
    }

    /**
     * Stops a running saga from going further and undoes what it did, the current step included (it may have taken
     * effect without answering yet). For cancellations.
     */
    public boolean abort(String orderId, String reason) {
        Optional<SagaInstance<D>> found = store.lockByOrder(definition.type(), orderId, definition.dataType());
        if (found.isEmpty() || found.get().status() != SagaStatus.RUNNING) {
            return false;
        }
        SagaInstance<D> saga = found.get();
        SagaDefinition.Step<D> step = definition.steps().get(saga.stepIndex());
        store.log(saga.sagaId(), step.name(), StepAction.INVOKE, StepOutcome.FAILED, reason, clock.instant());
        saga.failedBecause(reason);
        backward(saga, saga.stepIndex());
        store.update(saga);
        return true;
    }

    /** The saga of the order, if any, without moving it. */
    public Optional<SagaInstance<D>> find(String orderId) {
        return store.lockByOrder(definition.type(), orderId, definition.dataType());
    }

    /**
     * The current step is overdue: send its command again, or, when its retries are spent, fail it (compensating it
     * too, since it may have taken effect). Compensations are sent again with back-off for as long as it takes.
     */
    public boolean timeOut(String orderId) {
        Optional<SagaInstance<D>> found = store.lockByOrder(definition.type(), orderId, definition.dataType());
        if (found.isEmpty() || !found.get().status().isActive()) {
            return false;
        }
        SagaInstance<D> saga = found.get();
        Instant now = clock.instant();
        if (saga.deadline() != null && saga.deadline().isAfter(now)) {
            return false;
        }
        SagaDefinition.Step<D> step = definition.steps().get(saga.stepIndex());
        if (saga.status() == SagaStatus.RUNNING) {
            if (saga.attempts() < step.retries()) {
                bus.send(saga.sagaId(), saga.orderId(), step.invoke().apply(saga.data()));
                saga.retried(now.plus(step.timeout()));
                store.log(saga.sagaId(), step.name(), StepAction.INVOKE, StepOutcome.RETRIED, "attempt " + (saga.attempts() + 1), now);
            } else {
                store.log(saga.sagaId(), step.name(), StepAction.INVOKE, StepOutcome.TIMED_OUT, step.timeoutReason(), now);
                saga.failedBecause(step.timeoutReason());
                backward(saga, step.hasCompensation() ? saga.stepIndex() : saga.stepIndex() - 1);
            }
        } else {
            bus.send(saga.sagaId(), saga.orderId(), step.compensation().apply(saga.data()));
            Duration wait = step.timeout().multipliedBy(1L << Math.min(saga.attempts() + 1, 6));
            saga.retried(now.plus(wait.compareTo(MAX_COMPENSATION_BACKOFF) > 0 ? MAX_COMPENSATION_BACKOFF : wait));
            store.log(saga.sagaId(), step.name(), StepAction.COMPENSATE, StepOutcome.RETRIED, "attempt " + (saga.attempts() + 1), now);
        }
        store.update(saga);
        return true;
    }

    /** Runs steps from {@code index} on: local steps at once, up to the next command or the end. */
    private void forward(SagaInstance<D> saga, int index) {
        Instant now = clock.instant();
        for (int i = index; i < definition.steps().size(); i++) {
            SagaDefinition.Step<D> step = definition.steps().get(i);
            if (step.isLocal()) {
                saga.moveTo(SagaStatus.RUNNING, i, null);
                saga.data(step.local().apply(saga.data()));
                store.log(saga.sagaId(), step.name(), StepAction.LOCAL, StepOutcome.COMPLETED, null, now);
                continue;
            }
            saga.moveTo(SagaStatus.RUNNING, i, now.plus(step.timeout()));
            bus.send(saga.sagaId(), saga.orderId(), step.invoke().apply(saga.data()));
            store.log(saga.sagaId(), step.name(), StepAction.INVOKE, StepOutcome.STARTED, null, now);
            return;
        }
        saga.moveTo(SagaStatus.COMPLETED, definition.steps().size() - 1, null);
        store.log(saga.sagaId(), "saga", StepAction.END, StepOutcome.COMPLETED, null, now);
        outcomes.completed(saga);
    }

    /** Undoes steps from {@code index} back to the first, one compensation at a time. */
    private void backward(SagaInstance<D> saga, int index) {
        Instant now = clock.instant();
        for (int i = index; i >= 0; i--) {
            SagaDefinition.Step<D> step = definition.steps().get(i);
            if (!step.hasCompensation()) {
                continue;
            }
            saga.moveTo(SagaStatus.COMPENSATING, i, now.plus(step.timeout()));
            bus.send(saga.sagaId(), saga.orderId(), step.compensation().apply(saga.data()));
            store.log(saga.sagaId(), step.name(), StepAction.COMPENSATE, StepOutcome.STARTED, null, now);
            return;
        }
        saga.moveTo(SagaStatus.COMPENSATED, Math.max(index, 0), null);
        store.log(saga.sagaId(), "saga", StepAction.END, StepOutcome.COMPENSATED, saga.failureReason(), now);
        outcomes.compensated(saga, saga.failureReason());
    }
}
