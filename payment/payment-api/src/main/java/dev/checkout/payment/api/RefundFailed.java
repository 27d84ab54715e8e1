package dev.checkout.payment.api;

import dev.checkout.platform.contracts.MessageType;

/** A refund could not be made (yet); payment keeps retrying transient failures itself. */
@MessageType("RefundFailed")
public record RefundFailed(String orderId, String reason) {
}
