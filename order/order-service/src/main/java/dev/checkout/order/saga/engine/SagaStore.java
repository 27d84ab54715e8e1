package dev.checkout.order.saga.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where sagas are kept; every method runs in the caller's transaction. A saga's step log is kept with it: each write
 * of a saga appends the lines its transition added, in the same statement.
 */
public interface SagaStore {

    void insert(SagaInstance<?> saga, List<LogEntry> log);

    void update(SagaInstance<?> saga, List<LogEntry> log);

    /** The order's sagas that are running or compensating, locked until the transaction ends. */
    List<Stored> lockActive(String orderId);

    /** The saga of this type for the order, locked until the transaction ends. */
    Optional<Stored> lock(String type, String orderId);

    /** A saga as stored, before its definition reads its data. */
    interface Stored {
        String type();

        <D> SagaInstance<D> as(Class<D> dataType);
    }

    /** One line of the step log: {@code action} is what the saga did, {@code outcome} how it went. */
    record LogEntry(String step, StepAction action, StepOutcome outcome, String detail, Instant at) {
    }

    enum StepAction { INVOKE, LOCAL, COMPENSATE, END }

    enum StepOutcome { STARTED, COMPLETED, FAILED, RETRIED, TIMED_OUT, COMPENSATED }
}
