package dev.checkout.payment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.checkout.platform.core.Backoff;
import dev.checkout.platform.core.DomainModel;

/**
 * The one payment of an order. It starts INITIATED; a gateway answer makes it CAPTURED or FAILED; an answer that
 * never came (or came garbled), or an attempt that never reported back at all, makes it PENDING, and from then on
 * only the gateway's own answer to the same charge resolves it: a PENDING payment is never failed by guess, because
 * the money may have moved. Refunds take it to PARTIALLY_REFUNDED or REFUNDED and can never exceed what was captured.
 * A refund asked for before the outcome is known is remembered and made as soon as a capture is confirmed.
 * <p>
 * Attempts are spaced: one in flight owns the payment until {@code nextAttemptAt}, which leaves room for the longest
 * call; when it reports an unresolved outcome, the next attempt is due after a back-off.
 */
@DomainModel
final class Payment {

    enum Status { INITIATED, PENDING, AUTHORIZED, CAPTURED, FAILED, REFUNDED, PARTIALLY_REFUNDED }

    private final String paymentId;
    private final String orderId;
    private final String userId;
    private final BigDecimal amount;
    private final String currency;
    private final String methodType;
    private final String cardToken;
    private final String idempotencyKey;
    private String cardLast4;
    private String cardBrand;
    private String gatewayChargeId;
    private Status status;
    private String failureReason;
    private BigDecimal amountRefunded;
    private int attempts;
    private Instant nextAttemptAt;
    private boolean refundRequested;
    private final List<PaymentEvent> events = new ArrayList<>();

    Payment(String paymentId, String orderId, String userId, BigDecimal amount, String currency, String methodType,
            String cardToken, String idempotencyKey, String cardLast4, String cardBrand, String gatewayChargeId, Status status,
            String failureReason, BigDecimal amountRefunded, int attempts, Instant nextAttemptAt, boolean refundRequested) {
        this.paymentId = Objects.requireNonNull(paymentId);
        this.orderId = Objects.requireNonNull(orderId);
        this.userId = userId;
        this.amount = Objects.requireNonNull(amount);
        this.currency = Objects.requireNonNull(currency);
        this.methodType = methodType;
        this.cardToken = cardToken;
        this.idempotencyKey = Objects.requireNonNull(idempotencyKey);
        this.cardLast4 = cardLast4;
        this.cardBrand = cardBrand;
        this.gatewayChargeId = gatewayChargeId;
        this.status = Objects.requireNonNull(status);
        this.failureReason = failureReason;
        this.amountRefunded = amountRefunded;
        this.attempts = attempts;
        this.nextAttemptAt = nextAttemptAt;
        this.refundRequested = refundRequested;
    }

    /**
     * A new payment, to be attempted at once; if that first attempt has not started by {@code resolverTakesOverAt}
     * (a full gateway pool, a crash), the resolver starts it.
     */
    static Payment initiate(String paymentId, String orderId, String userId, BigDecimal amount, String currency,
                            String methodType, String cardToken, Instant resolverTakesOverAt) {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a payment is for a positive amount");
        }
        if (CardNumbers.mayHoldCardNumber(cardToken)) {
            throw new IllegalArgumentException("a card number is not a gateway token and is never stored");
        }
        return new Payment(paymentId, orderId, userId, amount, currency, methodType, cardToken, chargeKey(orderId), null, null,
                null, Status.INITIATED, null, BigDecimal.ZERO.setScale(2), 0, resolverTakesOverAt, false);
    }

    /** The gateway idempotency key of an order's charge: the same for every attempt, on every instance, forever. */
    static String chargeKey(String orderId) {
        return orderId + ":charge";
    }

    boolean awaitsGateway() {
        return status == Status.INITIATED || status == Status.PENDING;
    }

    /**
     * Claims the next attempt at the gateway, unless the outcome is known or another attempt still owns the payment.
     * An INITIATED payment that was attempted before and never heard back becomes PENDING: that attempt may have
     * charged the card, so from now on "the gateway is down" no longer means "nothing was taken".
     *
     * @param longestCall how long the attempt may take before another one may start
     * @return whether the caller may call the gateway now
     */
    boolean startAttempt(Instant now, Duration longestCall, Backoff backoff) {
        if (!awaitsGateway() || (attempts > 0 && nextAttemptAt != null && nextAttemptAt.isAfter(now))) {
            return false;
        }
        if (status == Status.INITIATED && attempts > 0) {
            status = Status.PENDING;
        }
        attempts++;
        nextAttemptAt = now.plus(longestCall).plus(backoff.after(attempts));
        return true;
    }

    void captured(String chargeId, String last4, String brand) {
        if (!awaitsGateway()) {
            return;
        }
        status = Status.CAPTURED;
        gatewayChargeId = chargeId;
        cardLast4 = last4;
        cardBrand = brand;
        nextAttemptAt = null;
        events.add(new PaymentEvent.Captured(this));
    }

    /** The gateway refused the card: nothing was charged. */
    void declined(String reason) {
        if (!awaitsGateway()) {
            return;
        }
        fail(reason);
    }

    /**
     * The gateway did not act on this attempt (it said so, could not be reached, or the circuit breaker kept us from
     * trying), and retries gave up. An INITIATED payment fails: no attempt ever charged. A PENDING one waits and is
     * sent again, because an earlier attempt may have charged.
     */
    void gatewayUnavailable(Instant now, Backoff backoff) {
        if (status == Status.INITIATED) {
            fail("payment_unavailable");
        } else if (status == Status.PENDING) {
            nextAttemptAt = now.plus(backoff.after(attempts));
        }
    }

    /** No usable answer: the charge may or may not have happened; it is sent again after a back-off. */
    void outcomeUnknown(Instant now, Backoff backoff) {
        if (awaitsGateway()) {
            status = Status.PENDING;
            nextAttemptAt = now.plus(backoff.after(attempts));
        }
    }

    private void fail(String reason) {
        status = Status.FAILED;
        failureReason = reason;
        nextAttemptAt = null;
        events.add(new PaymentEvent.Failed(this));
    }

    /** Asks for everything captured to be given back as soon as a capture is confirmed. */
    void requestFullRefund() {
        refundRequested = true;
    }

    /** What a refund may still give back. */
    BigDecimal refundable() {
        return switch (status) {
            case CAPTURED, PARTIALLY_REFUNDED -> amount.subtract(amountRefunded);
            default -> BigDecimal.ZERO.setScale(2);
        };
    }

    void refunded(BigDecimal refund) {
        if (refund.compareTo(refundable()) > 0) {
            throw new IllegalStateException("refund of " + refund + " exceeds the refundable " + refundable() + " of " + paymentId);
        }
        amountRefunded = amountRefunded.add(refund);
        status = amountRefunded.compareTo(amount) == 0 ? Status.REFUNDED : Status.PARTIALLY_REFUNDED;
    }

    List<PaymentEvent> takeEvents() {
        List<PaymentEvent> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    String paymentId() { return paymentId; }
    String orderId() { return orderId; }
    String userId() { return userId; }
    BigDecimal amount() { return amount; }
    String currency() { return currency; }
    String methodType() { return methodType; }
    String cardToken() { return cardToken; }
    String idempotencyKey() { return idempotencyKey; }
    String cardLast4() { return cardLast4; }
    String cardBrand() { return cardBrand; }
    String gatewayChargeId() { return gatewayChargeId; }
    Status status() { return status; }
    String failureReason() { return failureReason; }
    BigDecimal amountRefunded() { return amountRefunded; }
    int attempts() { return attempts; }
    Instant nextAttemptAt() { return nextAttemptAt; }
    boolean refundRequested() { return refundRequested; }
}
