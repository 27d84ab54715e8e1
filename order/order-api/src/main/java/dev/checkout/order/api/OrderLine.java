package dev.checkout.order.api;

import java.math.BigDecimal;

/** One line of an order as the events show it. */
public record OrderLine(String productId, String variantId, int quantity, BigDecimal unitPrice) {
}
