/**
 * The machinery that runs the order service's sagas: {@link dev.checkout.order.saga.SagaRegistry} (each
 * {@link dev.checkout.order.saga.OrchestratedSaga} registered once by its type),
 * {@link dev.checkout.order.saga.JdbcSagaStore}, the one owner of the {@code saga_instances} SQL; participants' replies
 * ({@link dev.checkout.order.saga.SagaReplies}), recovery of overdue steps ({@link dev.checkout.order.saga.SagaRecovery}),
 * step meters and crash points. The engine itself, without Spring, is {@code saga.engine}. The sagas are their business
 * packages' ({@code orders.PlaceOrderSaga}, {@code orders.CancellationSaga}): this package knows no order or checkout
 * (the checkout speaks to it through {@link dev.checkout.order.saga.CheckoutSide}), so the business packages depend on
 * it and never the other way round (an architecture rule).
 */
package dev.checkout.order.saga;
