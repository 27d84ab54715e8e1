package dev.checkout.payment.api;

/** A refund could not be made (yet); payment keeps retrying transient failures itself. */
public record RefundFailed(String orderId, String reason) {
}
