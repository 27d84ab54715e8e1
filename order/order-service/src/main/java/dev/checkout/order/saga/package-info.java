/**
 * The sagas the order service orchestrates and what runs them: {@link dev.checkout.order.saga.PlaceOrderSaga} (reserve
 * stock, charge, confirm stock, confirm the order: every order, placed directly or from a checkout) and
 * {@link dev.checkout.order.saga.CancellationSaga} (refund, restock), each registered once by its type in
 * {@link dev.checkout.order.saga.SagaRegistry}; {@link dev.checkout.order.saga.JdbcSagaStore}, the one owner of the
 * {@code saga_instances} SQL; participants' replies ({@link dev.checkout.order.saga.SagaReplies}), recovery of overdue
 * steps ({@link dev.checkout.order.saga.SagaRecovery}), step meters and crash points. The engine itself, without
 * Spring, is {@code saga.engine}.
 */
package dev.checkout.order.saga;
