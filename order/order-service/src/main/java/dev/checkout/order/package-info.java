/**
 * Orders and the checkout saga that drives them. It owns the {@code orders} schema: orders, their items and status
 * history, idempotency keys, the saga's state and step log, and a copy of the catalog's prices.
 * {@link dev.checkout.order.CheckoutSaga} is the saga as a step table (reserve stock → charge → confirm stock → confirm
 * the order) with explicit compensations; it talks to inventory and payment only through their {@code *-api} messages.
 * Checkout work is let in at the door only while it can be finished in time ({@link dev.checkout.order.CheckoutAdmission}). An {@link
 * dev.checkout.order.Order} guards its status transitions; what happens to it is announced on {@code order-events}.
 * Flash sales ({@code FlashSale*}) live here too, because a purchase token's hold is a checkout keyed by a ticket and is
 * bought through the paid checkout's path: a waiting room in Redis over tickets of record in PostgreSQL, admission in
 * batches of the units neither sold nor held ({@link dev.checkout.order.FlashSaleAdmission}).
 */
package dev.checkout.order;
