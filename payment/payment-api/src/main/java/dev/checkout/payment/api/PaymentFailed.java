package dev.checkout.payment.api;

/**
 * The order could not be charged and nothing was taken: {@code reason} is {@code payment_declined},
 * {@code insufficient_funds} or {@code payment_unavailable}.
 */
public record PaymentFailed(String orderId, String paymentId, String reason, String detail) {
}
