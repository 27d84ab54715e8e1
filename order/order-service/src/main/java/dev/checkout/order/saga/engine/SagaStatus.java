package dev.checkout.order.saga.engine;

/** Where a saga is: running forward, undoing, or ended (succeeded, undone, or needing an operator). */
public enum SagaStatus {
    RUNNING, COMPENSATING, COMPLETED, COMPENSATED, FAILED;

    public boolean isActive() {
        return this == RUNNING || this == COMPENSATING;
    }
}
