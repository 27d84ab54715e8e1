package dev.checkout.inventory.api;

import dev.checkout.platform.contracts.MessageType;

/** The owner holds no reservation any more. */
@MessageType("StockReleased")
public record StockReleased(String ownerId) {
}
