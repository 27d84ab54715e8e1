package dev.checkout.order.api;

import dev.checkout.platform.contracts.MessageType;

import java.time.Instant;

/** The customer or an admin cancelled the order; it is refunded and restocked. */
@MessageType("OrderCancelled")
public record OrderCancelled(String orderId, String userId, String cartId, String reason, Instant cancelledAt) {
}
