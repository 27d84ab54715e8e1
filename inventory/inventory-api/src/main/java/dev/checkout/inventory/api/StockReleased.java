package dev.checkout.inventory.api;

/** The owner holds no reservation any more. */
public record StockReleased(String ownerId) {
}
