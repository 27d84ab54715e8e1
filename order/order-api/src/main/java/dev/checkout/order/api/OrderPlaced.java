package dev.checkout.order.api;

import dev.checkout.platform.contracts.MessageType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order was accepted and its checkout saga started. {@code cartId} is null for a direct order; {@code checkoutId}
 * names the two-step checkout it was paid from (null otherwise), so what was held for the checkout (a coupon's use)
 * can follow the order.
 */
@MessageType("OrderPlaced")
public record OrderPlaced(String orderId, String orderNumber, String userId, String cartId, List<OrderLine> lines,
                          BigDecimal totalAmount, String currency, Instant placedAt, String checkoutId) {

    /** An order not paid from a two-step checkout. */
    public OrderPlaced(String orderId, String orderNumber, String userId, String cartId, List<OrderLine> lines,
                       BigDecimal totalAmount, String currency, Instant placedAt) {
        this(orderId, orderNumber, userId, cartId, lines, totalAmount, currency, placedAt, null);
    }
}
