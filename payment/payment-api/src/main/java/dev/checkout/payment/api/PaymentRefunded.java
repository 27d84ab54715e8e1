package dev.checkout.payment.api;

import dev.checkout.platform.contracts.MessageType;

import java.math.BigDecimal;

/** Money went back: {@code amount} now, {@code totalRefunded} in all for the order. */
@MessageType("PaymentRefunded")
public record PaymentRefunded(String orderId, String paymentId, String refundId, BigDecimal amount, BigDecimal totalRefunded,
                              String currency) {
}
