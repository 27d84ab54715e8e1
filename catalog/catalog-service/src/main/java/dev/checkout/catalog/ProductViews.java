package dev.checkout.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** How products look in responses. */
final class ProductViews {

    private ProductViews() {
    }

    /** The product as it sells at {@code now}: {@code unit_price} is the sale price inside its window, else the base price. */
    static Detail detail(Product p, Instant now) {
        BigDecimal unitPrice = p.unitPriceAt(now);
        return new Detail(p.productId(), p.sku(), p.name(), p.description(), p.brand(), p.categoryPath(), p.basePrice(),
                p.salePrice(), p.saleStartsAt(), p.saleEndsAt(), unitPrice, p.basePrice(), p.currency(), p.attributes(), p.status(), p.rating(), p.reviewCount(),
                p.availableQuantity(), p.availableQuantity() > 0,
                p.variants().stream().map(v -> new VariantView(v.variantId(), v.sku(), v.name(), v.attributes(),
                        unitPrice.add(v.priceModifier()), v.priceModifier(), v.availableQuantity())).toList(),
                p.version(), p.createdAt(), p.updatedAt());
    }

    /**
     * {@code price} is the regular price and {@code sale_price} the reduced one while there is one, in force inside
     * {@code sale_starts_at}..{@code sale_ends_at} (either may be null: open-ended);
     * {@code unit_price} is what one unit costs now. A variant's {@code price} includes its modifier.
     */
    record Detail(String productId, String sku, String name, String description, String brand, String categoryPath,
                  BigDecimal price, BigDecimal salePrice, Instant saleStartsAt, Instant saleEndsAt, BigDecimal unitPrice, BigDecimal basePrice, String currency,
                  Map<String, Object> attributes, String status, BigDecimal rating, int reviewCount, int availableQuantity,
                  boolean inStock, List<VariantView> variants, long version, Instant createdAt, Instant updatedAt) {
    }

    record VariantView(String variantId, String sku, String name, Map<String, Object> attributes, BigDecimal price,
                       BigDecimal priceModifier, int availableQuantity) {
    }

    record Summary(String productId, String sku, String name, String brand, String categoryPath, BigDecimal price,
                   BigDecimal salePrice, String currency, BigDecimal rating, int reviewCount, boolean inStock) {
    }
}
