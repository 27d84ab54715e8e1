/**
 * The order service's synchronous questions to other services over {@code InternalApi}: catalog prices (kept in a
 * local copy, {@link dev.checkout.order.clients.PriceCopy}), pricing's quote (without a coupon, from a local copy of pricing's
 * rules), holding a cart, a customer's saved address.
 */
package dev.checkout.order.clients;
