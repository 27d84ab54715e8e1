package dev.checkout.inventory.api;

import dev.checkout.platform.contracts.MessageType;

/**
 * The stock of a product (and variant) changed. Quantities are summed over warehouses: {@code quantityAvailable} for
 * this variant, {@code productQuantityAvailable} for the whole product across its variants.
 */
@MessageType("StockLevelChanged")
public record StockLevelChanged(String productId, String variantId, int quantityTotal, int quantityReserved,
                                int quantityAvailable, int productQuantityAvailable) {
}
