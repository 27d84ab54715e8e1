/**
 * Orders: the {@link dev.checkout.order.orders.Order} aggregate and its status machine, placing one
 * ({@link dev.checkout.order.orders.OrderPlacement}, directly or from a cart; the request records are its own), reading
 * ({@link dev.checkout.order.orders.OrderQueries}), cancelling and administering orders, following shipments, and
 * announcing what happened on {@code order-events} ({@link dev.checkout.order.orders.OrderEvents}); and the order's two
 * sagas, {@link dev.checkout.order.orders.PlaceOrderSaga} (reserve stock, charge, confirm stock, confirm the order:
 * every order, placed directly or from a checkout) and {@link dev.checkout.order.orders.CancellationSaga} (refund,
 * restock), run by the {@code saga} package's machinery.
 */
package dev.checkout.order.orders;
