package dev.checkout.catalog.api;

import dev.checkout.platform.contracts.MessageType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A product was created or changed; carries the whole current state so consumers need no history.
 *
 * @param version     increases with every change of the product, so a consumer can ignore a stale copy
 * @param description and {@code attributes}: what a search index needs besides the fields above
 * @param saleStartsAt when {@code salePrice} starts to apply (null: already); with {@code saleEndsAt} (null: no end),
 *                     the window in which the sale price is the price in force
 */
@MessageType("ProductChanged")
public record ProductChanged(
        String productId,
        String sku,
        String name,
        String brand,
        String categoryPath,
        BigDecimal basePrice,
        BigDecimal salePrice,
        String currency,
        String status,
        List<Variant> variants,
        long version,
        String description,
        Map<String, Object> attributes,
        Instant saleStartsAt,
        Instant saleEndsAt) {

    /** A variant and the amount it adds to (or takes from) the product's price. */
    public record Variant(String variantId, String sku, String name, BigDecimal priceModifier, Map<String, Object> attributes) {
    }
}
