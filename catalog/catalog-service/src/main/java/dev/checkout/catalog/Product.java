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

    /** What one unit costs before any variant modifier: the sale price while there is one. */
    BigDecimal unitPrice() {
        return salePrice != null ? salePrice : basePrice;
    }

    record Variant(String variantId, String sku, String name, Map<String, Object> attributes, BigDecimal priceModifier,
                   int availableQuantity) {
    }
}
