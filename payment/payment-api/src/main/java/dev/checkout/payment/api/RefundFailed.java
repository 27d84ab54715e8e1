package dev.checkout.payment.api;

import dev.checkout.platform.contracts.MessageType;

/** A refund could not be made (yet); payment keeps retrying transient failures itself. */
@MessageType("RefundFailed")
public record RefundFailed(String orderId, String reason, String refundReason) {

    /** @param refundReason the reason the refund was asked for with ({@link RefundPayment#reason()}); null when unknown */
    public RefundFailed(String orderId, String reason) {
        this(orderId, reason, null);
    }
}
