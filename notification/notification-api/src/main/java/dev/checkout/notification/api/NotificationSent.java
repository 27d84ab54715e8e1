package dev.checkout.notification.api;

/** The notification went out (or had already gone out). */
public record NotificationSent(String orderId, String notificationId, String kind) {
}
