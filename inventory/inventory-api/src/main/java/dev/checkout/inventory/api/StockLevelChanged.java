package dev.checkout.inventory.api;

import dev.checkout.platform.contracts.MessageType;

/**
 * The stock of a product (and variant) that can be sold changed. Quantities are summed over warehouses:
 * {@code quantityAvailable} for this variant, {@code productQuantityAvailable} for the whole product across its variants.
 * Announced when availability changes (a reservation, a release, a restock, an admin's count), not when reserved units
 * are sold, which moves total and reserved together: {@code quantityTotal} and {@code quantityReserved} are as they
 * were when it was announced; inventory's admin view has them as they are.
 */
@MessageType("StockLevelChanged")
public record StockLevelChanged(String productId, String variantId, int quantityTotal, int quantityReserved,
                                int quantityAvailable, int productQuantityAvailable) {
}
