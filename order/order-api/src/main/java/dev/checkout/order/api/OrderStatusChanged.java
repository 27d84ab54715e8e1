package dev.checkout.order.api;

import dev.checkout.platform.contracts.MessageType;

import java.time.Instant;

/** Any change of an order's status, for those who follow all of them (notifications, analytics). */
@MessageType("OrderStatusChanged")
public record OrderStatusChanged(String orderId, String userId, String from, String to, Instant changedAt) {
}
