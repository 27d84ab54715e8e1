package dev.checkout.order.saga.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.checkout.order.saga.engine.SagaStore.LogEntry;
import dev.checkout.order.saga.engine.SagaStore.StepAction;
import dev.checkout.order.saga.engine.SagaStore.StepOutcome;

/**
 * Runs one saga definition. Each method is one transition, to be called inside a transaction: it takes the (locked)
 * saga, moves it, sends whatever command the new position needs and persists state and step log in one write, so a
 * crash at any point leaves either the old state and no command or the new state and its command.
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

    /** Starts a saga: runs its first steps up to the first command and stores it with that command, in one insert. */
    public SagaInstance<D> start(String sagaId, String orderId, D data) {
        SagaInstance<D> saga = new SagaInstance<>(sagaId, definition.type(), orderId, SagaStatus.RUNNING, 0, data, null, 0, null, 0);
        Transition transition = new Transition(saga);
        transition.forward(0);
        store.insert(saga, transition.log);
        return saga;
    }

    /** Applies a reply to the order's saga of this type, if it waits for it; returns whether it moved the saga. */
    public boolean handle(String orderId, Object reply) {
        return store.lock(definition.type(), orderId).flatMap(stored -> handle(stored, reply)).isPresent();
    }

    /** Applies a reply to a locked saga of this type; returns the saga if the reply moved it. */
    Optional<SagaInstance<D>> handle(SagaStore.Stored stored, Object reply) {
        SagaInstance<D> saga = stored.as(definition.dataType());
        if (!saga.status().isActive()) {
            return Optional.empty();
        }
        Transition transition = new Transition(saga);
        if (!transition.take(reply)) {
            return Optional.empty();
        }
        store.update(saga, transition.log);
        return Optional.of(saga);
    }

    /**
     * Stops a running saga from going further and undoes what it did, the current step included (it may have taken
     * effect without answering yet). For cancellations.
     */
    public boolean abort(String orderId, String reason) {
        Optional<SagaInstance<D>> found = lock(orderId);
        if (found.isEmpty() || found.get().status() != SagaStatus.RUNNING) {
            return false;
        }
        SagaInstance<D> saga = found.get();
        Transition transition = new Transition(saga);
        transition.log(step(saga).name(), StepAction.INVOKE, StepOutcome.FAILED, reason);
        saga.failedBecause(reason);
        transition.backward(saga.stepIndex());
        store.update(saga, transition.log);
        return true;
    }

    /**
     * The current step is overdue: send its command again, or, when its retries are spent, fail it (compensating it
     * too, since it may have taken effect). Compensations are sent again with back-off for as long as it takes.
     */
    public boolean timeOut(String orderId) {
        Optional<SagaInstance<D>> found = lock(orderId);
        if (found.isEmpty() || !found.get().status().isActive()) {
            return false;
        }
        SagaInstance<D> saga = found.get();
        Instant now = clock.instant();
        if (saga.deadline() != null && saga.deadline().isAfter(now)) {
            return false;
        }
        SagaDefinition.Step<D> step = step(saga);
        Transition transition = new Transition(saga);
        if (saga.status() == SagaStatus.RUNNING) {
            if (saga.attempts() < step.retries()) {
                bus.send(saga.sagaId(), saga.orderId(), step.invoke().apply(saga.data()));
                transition.log(step.name(), StepAction.INVOKE, StepOutcome.RETRIED, "attempt " + (saga.attempts() + 2));
                saga.retried(now.plus(step.timeout()));
            } else {
                transition.log(step.name(), StepAction.INVOKE, StepOutcome.TIMED_OUT, step.timeoutReason());
                saga.failedBecause(step.timeoutReason());
                transition.backward(step.hasCompensation() ? saga.stepIndex() : saga.stepIndex() - 1);
            }
        } else {
            bus.send(saga.sagaId(), saga.orderId(), step.compensation().apply(saga.data()));
            Duration wait = step.timeout().multipliedBy(1L << Math.min(saga.attempts() + 1, 6));
            transition.log(step.name(), StepAction.COMPENSATE, StepOutcome.RETRIED, "attempt " + (saga.attempts() + 2));
            saga.retried(now.plus(wait.compareTo(MAX_COMPENSATION_BACKOFF) > 0 ? MAX_COMPENSATION_BACKOFF : wait));
        }
        store.update(saga, transition.log);
        return true;
    }

    /** The saga of this type for the order, locked, without moving it. */
    public Optional<SagaInstance<D>> lock(String orderId) {
        return store.lock(definition.type(), orderId).map(stored -> stored.as(definition.dataType()));
    }

    private SagaDefinition.Step<D> step(SagaInstance<D> saga) {
        return definition.steps().get(saga.stepIndex());
    }

    /** One move of one saga, gathering the step-log lines it writes with the saga. */
    private final class Transition {
        private final SagaInstance<D> saga;
        private final Instant now = clock.instant();
        private final List<LogEntry> log = new ArrayList<>(4);

        private Transition(SagaInstance<D> saga) {
            this.saga = saga;
        }

        private void log(String step, StepAction action, StepOutcome outcome, String detail) {
            log.add(new LogEntry(step, action, outcome, detail, now));
        }

        /** Applies a reply if the current step takes it; returns whether it did. */
        private boolean take(Object reply) {
            SagaDefinition.Step<D> step = step(saga);
            if (saga.status() == SagaStatus.RUNNING) {
                var success = step.successReplies().get(reply.getClass());
                if (success != null) {
                    saga.data(success.apply(saga.data(), reply));
                    log(step.name(), StepAction.INVOKE, StepOutcome.COMPLETED, null);
                    forward(saga.stepIndex() + 1);
                    return true;
                }
                var failure = step.failureReplies().get(reply.getClass());
                if (failure != null) {
                    String reason = failure.apply(reply);
                    log(step.name(), StepAction.INVOKE, StepOutcome.FAILED, reason);
                    saga.failedBecause(reason);
                    backward(saga.stepIndex() - 1);
                    return true;
                }
                return false;
            }
            if (reply.getClass().equals(step.compensationReply())) {
                log(step.name(), StepAction.COMPENSATE, StepOutcome.COMPENSATED, null);
                backward(saga.stepIndex() - 1);
                return true;
            }
            var compensationFailure = step.compensationFailures().get(reply.getClass());
            if (compensationFailure != null) {
                String reason = compensationFailure.apply(reply);
                log(step.name(), StepAction.COMPENSATE, StepOutcome.FAILED, reason);
                saga.moveTo(SagaStatus.FAILED, saga.stepIndex(), null);
                log(step.name(), StepAction.END, StepOutcome.FAILED, reason);
                outcomes.compensationFailed(saga, reason);
                return true;
            }
            return false;
        }

        /** Runs steps from {@code index} on: local steps at once, up to the next command or the end. */
        private void forward(int index) {
            for (int i = index; i < definition.steps().size(); i++) {
                SagaDefinition.Step<D> step = definition.steps().get(i);
                if (step.isLocal()) {
                    saga.moveTo(SagaStatus.RUNNING, i, null);
                    saga.data(step.local().apply(saga.data()));
                    log(step.name(), StepAction.LOCAL, StepOutcome.COMPLETED, null);
                    continue;
                }
                saga.moveTo(SagaStatus.RUNNING, i, now.plus(step.timeout()));
                bus.send(saga.sagaId(), saga.orderId(), step.invoke().apply(saga.data()));
                log(step.name(), StepAction.INVOKE, StepOutcome.STARTED, null);
                return;
            }
            saga.moveTo(SagaStatus.COMPLETED, definition.steps().size() - 1, null);
            log("saga", StepAction.END, StepOutcome.COMPLETED, null);
            outcomes.completed(saga);
        }

        /** Undoes steps from {@code index} back to the first, one compensation at a time. */
        private void backward(int index) {
            for (int i = index; i >= 0; i--) {
                SagaDefinition.Step<D> step = definition.steps().get(i);
                if (!step.hasCompensation()) {
                    continue;
                }
                saga.moveTo(SagaStatus.COMPENSATING, i, now.plus(step.timeout()));
                bus.send(saga.sagaId(), saga.orderId(), step.compensation().apply(saga.data()));
                log(step.name(), StepAction.COMPENSATE, StepOutcome.STARTED, null);
                return;
            }
            saga.moveTo(SagaStatus.COMPENSATED, Math.max(index, 0), null);
            log("saga", StepAction.END, StepOutcome.COMPENSATED, saga.failureReason());
            outcomes.compensated(saga, saga.failureReason());
        }
    }
}
