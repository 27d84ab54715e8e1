/**
 * The order service's published language: order lifecycle events on {@link dev.checkout.order.api.OrderTopics#EVENTS},
 * keyed by order id, for everything that reacts to orders by choreography (carts, notifications, analytics,
 * fulfillment). Plain records, no framework.
 */
package dev.checkout.order.api;
