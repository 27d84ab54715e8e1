package dev.checkout.payment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.checkout.platform.core.Backoff;

/**
 * Money to give back on an order's payment: the intent is recorded first (PENDING), then sent to the gateway under its
 * own idempotency key until the gateway answers; it ends PROCESSED (the money went back) or FAILED (the gateway
 * refused, for an operator to look at). Like a payment, an attempt in flight owns the refund until
 * {@code nextAttemptAt}, and an unanswered one is sent again after a back-off.
 */
final class Refund {

    enum Status { PENDING, PROCESSED, FAILED }

    private final String refundId;
    private final String paymentId;
    private final String orderId;
    private final BigDecimal amount;
    private final String reason;
    private final String idempotencyKey;
    private Status status;
    private String gatewayRefundId;
    private String failureReason;
    private int attempts;
    private Instant nextAttemptAt;

    Refund(String refundId, String paymentId, String orderId, BigDecimal amount, String reason, String idempotencyKey,
           Status status, String gatewayRefundId, String failureReason, int attempts, Instant nextAttemptAt) {
        this.refundId = Objects.requireNonNull(refundId);
        this.paymentId = Objects.requireNonNull(paymentId);
        this.orderId = Objects.requireNonNull(orderId);
        this.amount = Objects.requireNonNull(amount);
        this.reason = Objects.requireNonNull(reason);
        this.idempotencyKey = Objects.requireNonNull(idempotencyKey);
        this.status = Objects.requireNonNull(status);
        this.gatewayRefundId = gatewayRefundId;
        this.failureReason = failureReason;
        this.attempts = attempts;
        this.nextAttemptAt = nextAttemptAt;
    }

    /**
     * A refund of {@code amount} from the payment.
     *
     * @param askedFor what the request named, or {@code null} for "whatever is left"; part of the refund's identity
     */
    static Refund request(String refundId, Payment payment, BigDecimal amount, BigDecimal askedFor, String reason,
                          Instant resolverTakesOverAt) {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a refund is for a positive amount");
        }
        return new Refund(refundId, payment.paymentId(), payment.orderId(), amount, reason, key(payment.orderId(), reason, askedFor),
                Status.PENDING, null, null, 0, resolverTakesOverAt);
    }

    /**
     * The gateway idempotency key of a refund request: derived from the order, the reason and the amount asked for
     * ({@code full} for "whatever is left"), so the same request sent again is the same refund, on any instance.
     */
    static String key(String orderId, String reason, BigDecimal partialAmount) {
        return orderId + ":refund:" + reason + ":" + (partialAmount == null ? "full" : partialAmount.toPlainString());
    }

    /** As {@link Payment#startAttempt}: claims the next attempt unless settled or owned by one in flight. */
    boolean startAttempt(Instant now, Duration longestCall, Backoff backoff) {
        if (status != Status.PENDING || (attempts > 0 && nextAttemptAt != null && nextAttemptAt.isAfter(now))) {
            return false;
        }
        attempts++;
        nextAttemptAt = now.plus(longestCall).plus(backoff.after(attempts));
        return true;
    }

    void made(String gatewayRefundId) {
        status = Status.PROCESSED;
        this.gatewayRefundId = gatewayRefundId;
        nextAttemptAt = null;
    }

    void refused(String code) {
        status = Status.FAILED;
        failureReason = code;
        nextAttemptAt = null;
    }

    /** The gateway did not answer usefully (or was not called): a refund is always safe to send again. */
    void notMadeYet(Instant now, Backoff backoff) {
        nextAttemptAt = now.plus(backoff.after(attempts));
    }

    String refundId() { return refundId; }
    String paymentId() { return paymentId; }
    String orderId() { return orderId; }
    BigDecimal amount() { return amount; }
    String reason() { return reason; }
    String idempotencyKey() { return idempotencyKey; }
    Status status() { return status; }
    String gatewayRefundId() { return gatewayRefundId; }
    String failureReason() { return failureReason; }
    int attempts() { return attempts; }
    Instant nextAttemptAt() { return nextAttemptAt; }
}
