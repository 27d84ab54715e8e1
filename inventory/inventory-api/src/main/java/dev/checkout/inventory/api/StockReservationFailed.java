package dev.checkout.inventory.api;

import dev.checkout.platform.contracts.MessageType;

import java.util.List;

/** Nothing was reserved; {@code reason} is {@code insufficient_stock} with the lines short, or another stable code. */
@MessageType("StockReservationFailed")
public record StockReservationFailed(String ownerId, String reason, List<ShortLine> failedItems) {

    /** A line that could not be reserved: what was asked and what was available. */
    public record ShortLine(String productId, String variantId, int requested, int available) {
    }
}
