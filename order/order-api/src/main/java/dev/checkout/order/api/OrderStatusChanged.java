package dev.checkout.order.api;

import java.time.Instant;

/** Any change of an order's status, for those who follow all of them (notifications, analytics). */
public record OrderStatusChanged(String orderId, String userId, String from, String to, Instant changedAt) {
}
