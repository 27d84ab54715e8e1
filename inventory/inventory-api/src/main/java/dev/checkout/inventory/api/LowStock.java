package dev.checkout.inventory.api;

import dev.checkout.platform.contracts.MessageType;

/** Availability fell below the threshold in a warehouse. */
@MessageType("LowStock")
public record LowStock(String productId, String variantId, String warehouseId, int quantityAvailable, int threshold) {
}
