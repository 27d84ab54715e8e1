package dev.checkout.inventory.api;

import dev.checkout.platform.contracts.MessageType;

/** The owner's reserved units are deducted from stock. */
@MessageType("StockConfirmed")
public record StockConfirmed(String ownerId, String reservationId) {
}
