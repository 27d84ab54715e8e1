package dev.checkout.order.saga.engine;

import java.time.Instant;
import java.util.Objects;

/** One running (or ended) saga: where it is, what it knows, and when its current step is overdue. */
public final class SagaInstance<D> {

    private final String sagaId;
    private final String type;
    private final String orderId;
    private SagaStatus status;
    private int stepIndex;
    private D data;
    private String failureReason;
    private int attempts;
    private Instant deadline;
    private final long version;

    public SagaInstance(String sagaId, String type, String orderId, SagaStatus status, int stepIndex, D data,
                        String failureReason, int attempts, Instant deadline, long version) {
        this.sagaId = Objects.requireNonNull(sagaId);
        this.type = Objects.requireNonNull(type);
        this.orderId = Objects.requireNonNull(orderId);
        this.status = status;
        this.stepIndex = stepIndex;
        this.data = data;
        this.failureReason = failureReason;
        this.attempts = attempts;
        this.deadline = deadline;
        this.version = version;
    }

    public String sagaId() { return sagaId; }
    public String type() { return type; }
    public String orderId() { return orderId; }
    public SagaStatus status() { return status; }
    public int stepIndex() { return stepIndex; }
    public D data() { return data; }
    public String failureReason() { return failureReason; }
    public int attempts() { return attempts; }
    public Instant deadline() { return deadline; }
    public long version() { return version; }

    void moveTo(SagaStatus status, int stepIndex, Instant deadline) {
        this.status = status;
        this.stepIndex = stepIndex;
        this.deadline = deadline;
        this.attempts = 0;
    }

    void retried(Instant deadline) {
        this.attempts++;
        this.deadline = deadline;
    }

    void data(D data) {
        this.data = data;
    }

    void failedBecause(String reason) {
        if (failureReason == null) {
            failureReason = reason;
        }
    }
}
