package dev.checkout.order.saga;

import java.time.Instant;
import java.util.Optional;

/** Where sagas are kept; every method runs in the caller's transaction. */
public interface SagaStore {

    void insert(SagaInstance<?> saga);

    void update(SagaInstance<?> saga);

    /** The saga of this type for the order, locked until the transaction ends. */
    <D> Optional<SagaInstance<D>> lockByOrder(String type, String orderId, Class<D> dataType);

    /** One line of the step log: {@code action} is what the saga did, {@code outcome} how it went. */
    void log(String sagaId, String step, StepAction action, StepOutcome outcome, String detail, Instant at);

    enum StepAction { INVOKE, LOCAL, COMPENSATE, END }

    enum StepOutcome { STARTED, COMPLETED, FAILED, RETRIED, TIMED_OUT, COMPENSATED }
}
