package dev.checkout.payment.api;

import dev.checkout.platform.contracts.MessageType;

import java.math.BigDecimal;

/**
 * Refund the order's payment: {@code amount} of it, or everything still unrefunded when null. Refunding an order that
 * was never charged is answered with a zero refund.
 */
@MessageType("RefundPayment")
public record RefundPayment(String orderId, BigDecimal amount, String reason) {
}
