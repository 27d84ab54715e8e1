package dev.checkout.inventory.api;

/** The owner's reserved units are deducted from stock. */
public record StockConfirmed(String ownerId, String reservationId) {
}
