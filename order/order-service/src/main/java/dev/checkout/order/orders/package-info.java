/**
 * Orders: the {@link dev.checkout.order.orders.Order} aggregate and its status machine, placing one
 * ({@link dev.checkout.order.orders.OrderPlacement}, directly or from a cart; the request records are its own), reading
 * ({@link dev.checkout.order.orders.OrderQueries}), cancelling and administering orders, following shipments, and
 * announcing what happened on {@code order-events} ({@link dev.checkout.order.orders.OrderEvents}).
 */
package dev.checkout.order.orders;
