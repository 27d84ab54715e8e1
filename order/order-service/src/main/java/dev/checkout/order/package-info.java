/**
 * The order service. It owns the {@code orders} schema: orders, their items and status history, checkouts,
 * idempotency keys, the sagas' state and step log, returns, flash sales and a copy of the catalog's prices. Inside,
 * one package per business concept:
 * <ul>
 * <li>{@code orders}: the {@code Order} aggregate (it guards its status transitions), placing, reading, cancelling
 *     and administering orders, and its sagas ({@code PlaceOrderSaga}, {@code CancellationSaga}); what happens to an
 *     order is announced on {@code order-events};</li>
 * <li>{@code checkout}: the two-step checkout (open with a reservation, then pay), its expiry, its admission at the
 *     door while work can still be finished in time, and the settlement that answers {@code POST /checkouts};</li>
 * <li>{@code saga}: what runs the sagas: their registry, store, replies, recovery and step meters, knowing no business
 *     package; {@code saga.engine} is the Spring-free engine;</li>
 * <li>{@code returns}, {@code flashsale}: returns and refunds; the flash sale's waiting room and admission;</li>
 * <li>{@code idempotency}: Idempotency-Key semantics for the requests that create orders;</li>
 * <li>{@code clients}: the synchronous questions to other services (catalog, pricing, cart, identity).</li>
 * </ul>
 * This package holds only the service's configuration and settings.
 */
package dev.checkout.order;
