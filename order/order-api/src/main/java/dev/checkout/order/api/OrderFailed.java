package dev.checkout.order.api;

import dev.checkout.platform.contracts.MessageType;

import java.time.Instant;

/** The checkout saga ended without an order; whatever it took was given back. */
@MessageType("OrderFailed")
public record OrderFailed(String orderId, String userId, String cartId, String failureReason, Instant failedAt) {
}
