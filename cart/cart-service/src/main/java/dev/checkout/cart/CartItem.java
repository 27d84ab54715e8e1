package dev.checkout.cart;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a cart: a product (and variant) with the quantity wanted and the unit price locked in when it was added.
 *
 * @param name            the product's (and variant's) name when added, so a cart reads without the catalog
 * @param priceAtAddition the unit price honoured until checkout re-validates it
 */
record CartItem(String cartItemId, String productId, String variantId, String name, int quantity,
                BigDecimal priceAtAddition, Instant addedAt) {

    CartItem {
        Objects.requireNonNull(cartItemId, "cartItemId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(priceAtAddition, "priceAtAddition");
        if (quantity < 1) {
            throw new IllegalArgumentException("a cart item holds at least one unit");
        }
    }

    /** The field of the item in the Redis hash: {@code product_id:variant_id} (no variant: {@code product_id:}). */
    String key() {
        return key(productId, variantId);
    }

    static String key(String productId, String variantId) {
        return productId + ":" + (variantId == null ? "" : variantId);
    }

    boolean isFor(String productId, String variantId) {
        return this.productId.equals(productId) && Objects.equals(this.variantId, variantId);
    }

    CartItem withQuantity(int newQuantity) {
        return new CartItem(cartItemId, productId, variantId, name, newQuantity, priceAtAddition, addedAt);
    }

    CartItem withPrice(BigDecimal newPrice) {
        return new CartItem(cartItemId, productId, variantId, name, quantity, newPrice, addedAt);
    }

    BigDecimal lineTotal() {
        return priceAtAddition.multiply(BigDecimal.valueOf(quantity));
    }
}
