/**
 * Returns of delivered orders within the return window: an {@link dev.checkout.order.returns.OrderReturn} guards its
 * own status machine; the refund's and the restock's outcomes come back by message
 * ({@link dev.checkout.order.returns.ReturnOutcomes}).
 */
package dev.checkout.order.returns;
