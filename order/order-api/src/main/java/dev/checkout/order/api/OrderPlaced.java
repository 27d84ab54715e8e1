package dev.checkout.order.api;

import dev.checkout.platform.contracts.MessageType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An order was accepted and its checkout saga started. {@code cartId} is null for a direct order. */
@MessageType("OrderPlaced")
public record OrderPlaced(String orderId, String orderNumber, String userId, String cartId, List<OrderLine> lines,
                          BigDecimal totalAmount, String currency, Instant placedAt) {
}
