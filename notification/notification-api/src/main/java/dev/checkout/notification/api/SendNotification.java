package dev.checkout.notification.api;

import java.util.Map;

/** Tell a user something about an order; sent at most once per order and kind ({@code order_confirmed}, ...). */
public record SendNotification(String orderId, String userId, String kind, Map<String, Object> data) {
}
