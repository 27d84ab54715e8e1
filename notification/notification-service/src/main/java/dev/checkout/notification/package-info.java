/**
 * Notifications: what was sent to whom, by which channel. It owns the {@code notification} schema and sends at most
 * one notification of a kind per order, however often it is asked (the checkout saga's confirmation, and
 * choreographed messages for failed and cancelled orders). The only channel today is the log; e-mail, SMS and push are
 * further implementations of {@link dev.checkout.notification.Channel}. A plain service.
 */
package dev.checkout.notification;
