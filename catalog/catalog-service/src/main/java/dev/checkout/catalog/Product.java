package dev.checkout.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A product as stored and shown. */
record Product(
        String productId,
        String sku,
        String name,
        String description,
        String brand,
        String categoryPath,
        BigDecimal basePrice,
        BigDecimal salePrice,
        Instant saleStartsAt,
        Instant saleEndsAt,
        String currency,
        Map<String, Object> attributes,
        String status,
        BigDecimal rating,
        int reviewCount,
        int availableQuantity,
        long version,
        List<Variant> variants,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether the sale price is the price in force at {@code now}: there is one and {@code now} is inside its window. */
    boolean onSaleAt(Instant now) {
        return salePrice != null && (saleStartsAt == null || !now.isBefore(saleStartsAt))
                && (saleEndsAt == null || now.isBefore(saleEndsAt));
    }

    /** What one unit costs at {@code now} before any variant modifier: the sale price inside its window, else the base price. */
    BigDecimal unitPriceAt(Instant now) {
        return onSaleAt(now) ? salePrice : basePrice;
    }

    record Variant(String variantId, String sku, String name, Map<String, Object> attributes, BigDecimal priceModifier,
                   int availableQuantity) {
    }
}
