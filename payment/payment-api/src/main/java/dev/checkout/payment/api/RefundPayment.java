package dev.checkout.payment.api;

import java.math.BigDecimal;

/**
 * Refund the order's payment: {@code amount} of it, or everything still unrefunded when null. Refunding an order that
 * was never charged is answered with a zero refund.
 */
public record RefundPayment(String orderId, BigDecimal amount, String reason) {
}
