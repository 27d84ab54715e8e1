package dev.checkout.inventory.api;

/** A quantity of one product (and variant, when it has variants). */
public record StockLine(String productId, String variantId, int quantity) {
}
