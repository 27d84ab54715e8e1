package dev.checkout.inventory.api;

/** Availability fell below the threshold in a warehouse. */
public record LowStock(String productId, String variantId, String warehouseId, int quantityAvailable, int threshold) {
}
