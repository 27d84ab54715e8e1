package dev.checkout.payment.api;

import dev.checkout.platform.contracts.MessageType;

import java.math.BigDecimal;

/** Charge {@code amount} for the order. At most one charge per order ever reaches the gateway. */
@MessageType("ChargePayment")
public record ChargePayment(String orderId, String userId, BigDecimal amount, String currency, PaymentMethod paymentMethod) {
}
