package dev.checkout.payment.api;

import dev.checkout.platform.contracts.MessageType;

/**
 * The order could not be charged and nothing was taken: {@code reason} is {@code payment_declined},
 * {@code insufficient_funds} or {@code payment_unavailable}.
 */
@MessageType("PaymentFailed")
public record PaymentFailed(String orderId, String paymentId, String reason, String detail) {
}
