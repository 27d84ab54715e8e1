package dev.checkout.order.api;

import dev.checkout.platform.contracts.MessageType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Payment captured and stock deducted: the order is the customer's. {@code customerEmail} is the address the customer
 * ordered with, so that the confirmation needs no call to identity; null for orders placed before it was carried.
 */
@MessageType("OrderConfirmed")
public record OrderConfirmed(String orderId, String orderNumber, String userId, String cartId, List<OrderLine> lines,
                             BigDecimal totalAmount, String currency, String transactionId, Instant placedAt,
                             Instant confirmedAt, ShippingAddress shippingAddress, String customerEmail) {
}
