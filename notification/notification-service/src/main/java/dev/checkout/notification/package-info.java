/**
 * Notifications: what was sent to whom, by which channel. It owns the {@code notification} schema and sends at most
 * one notification of a kind per order, however often an order event arrives: it reacts to confirmed, failed and
 * cancelled orders by choreography. The only channel today is the log; e-mail, SMS and push are
 * further implementations of {@link dev.checkout.notification.Channel}. A plain service.
 */
package dev.checkout.notification;
