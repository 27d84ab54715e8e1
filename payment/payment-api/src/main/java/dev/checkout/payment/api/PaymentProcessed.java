package dev.checkout.payment.api;

import dev.checkout.platform.contracts.MessageType;

import java.math.BigDecimal;

/** The order's payment is captured; {@code transactionId} is the gateway's charge id. */
@MessageType("PaymentProcessed")
public record PaymentProcessed(String orderId, String paymentId, BigDecimal amount, String currency, String transactionId,
                               String cardLast4) {
}
