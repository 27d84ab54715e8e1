package dev.checkout.payment.api;

import java.math.BigDecimal;

/** The order's payment is captured; {@code transactionId} is the gateway's charge id. */
public record PaymentProcessed(String orderId, String paymentId, BigDecimal amount, String currency, String transactionId,
                               String cardLast4) {
}
