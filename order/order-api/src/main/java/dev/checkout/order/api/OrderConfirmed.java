package dev.checkout.order.api;

import dev.checkout.platform.contracts.MessageType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Payment captured and stock deducted: the order is the customer's. */
@MessageType("OrderConfirmed")
public record OrderConfirmed(String orderId, String orderNumber, String userId, String cartId, List<OrderLine> lines,
                             BigDecimal totalAmount, String currency, String transactionId, Instant placedAt,
                             Instant confirmedAt, ShippingAddress shippingAddress) {
}
