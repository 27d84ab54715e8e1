package dev.checkout.pricing.api;

import java.math.BigDecimal;

/** A line to quote: a product (and variant) at the unit price the caller will charge. */
public record QuoteLine(String productId, String variantId, int quantity, BigDecimal unitPrice) {
}
