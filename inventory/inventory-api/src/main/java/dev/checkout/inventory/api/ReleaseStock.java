package dev.checkout.inventory.api;

import dev.checkout.platform.contracts.MessageType;

/** Give back whatever the owner still holds in reservation; nothing held is fine. Replies {@link StockReleased}. */
@MessageType("ReleaseStock")
public record ReleaseStock(String ownerId, String reason) {
}
