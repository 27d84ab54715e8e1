package dev.checkout.inventory.api;

/** Give back whatever the owner still holds in reservation; nothing held is fine. Replies {@link StockReleased}. */
public record ReleaseStock(String ownerId, String reason) {
}
