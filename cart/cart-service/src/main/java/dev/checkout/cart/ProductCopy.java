package dev.checkout.cart;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the cart knows of a product, from the catalog's and inventory's events: enough to price an item, name it and
 * say whether it can be had, without calling either service.
 *
 * @param catalogVersion the catalog's version of the product this copy reflects; 0 while only stock has been seen
 * @param available      units available for the whole product; null while no stock level has been seen
 * @param revision       increases with every change of this copy; orders the writes of its Redis mirror
 */
record ProductCopy(String productId, String name, String status, String currency, BigDecimal unitPrice, long catalogVersion,
                   Integer available, Map<String, VariantCopy> variants, long revision) {

    ProductCopy {
        variants = variants == null ? Map.of() : Map.copyOf(variants);
    }

    /** A variant: its own name, its price (product price plus modifier) and availability. */
    record VariantCopy(String name, BigDecimal unitPrice, Integer available) {
    }

    /** What one unit of the product (or variant) is sold for now, and how many can be had. */
    record Offer(String name, BigDecimal unitPrice, String currency, int available) {
    }

    static ProductCopy unknown(String productId) {
        return new ProductCopy(productId, null, null, null, null, 0, null, Map.of(), 0);
    }

    boolean isKnown() {
        return catalogVersion > 0 && unitPrice != null;
    }

    /** The offer for the product or one of its variants; empty when it does not exist or is not for sale. */
    Optional<Offer> offer(String variantId) {
        if (!isKnown() || !"ACTIVE".equals(status)) {
            return Optional.empty();
        }
        if (variantId == null) {
            return Optional.of(new Offer(name, unitPrice, currency, available == null ? 0 : available));
        }
        VariantCopy variant = variants.get(variantId);
        if (variant == null || variant.unitPrice() == null) {
            return Optional.empty();
        }
        String fullName = variant.name() == null || variant.name().isBlank() ? name : name + " (" + variant.name() + ")";
        return Optional.of(new Offer(fullName, variant.unitPrice(), currency, variant.available() == null ? 0 : variant.available()));
    }

    /** The catalog's current state of the product; availability already known is kept. */
    ProductCopy withCatalog(String newName, String newStatus, String newCurrency, BigDecimal newUnitPrice, long version,
                            Map<String, VariantCopy> catalogVariants) {
        Map<String, VariantCopy> merged = new LinkedHashMap<>();
        catalogVariants.forEach((id, variant) -> {
            VariantCopy known = variants.get(id);
            merged.put(id, new VariantCopy(variant.name(), variant.unitPrice(), known == null ? null : known.available()));
        });
        return new ProductCopy(productId, newName, newStatus, newCurrency, newUnitPrice, version, available, merged, revision + 1);
    }

    /** A stock level from inventory: the product's total, and the variant's own when the level is a variant's. */
    ProductCopy withStock(String variantId, int variantAvailable, int productAvailable) {
        Map<String, VariantCopy> updated = new LinkedHashMap<>(variants);
        if (variantId != null) {
            VariantCopy known = variants.get(variantId);
            updated.put(variantId, known == null ? new VariantCopy(null, null, variantAvailable)
                    : new VariantCopy(known.name(), known.unitPrice(), variantAvailable));
        }
        return new ProductCopy(productId, name, status, currency, unitPrice, catalogVersion, productAvailable, updated, revision + 1);
    }
}
