package dev.checkout.inventory.api;

import dev.checkout.platform.contracts.MessageType;

import java.time.Instant;
import java.util.List;

/** The owner's lines are reserved until {@code expiresAt}. */
@MessageType("StockReserved")
public record StockReserved(String ownerId, String reservationId, List<ReservedLine> lines, Instant expiresAt) {

    /** Where a line's units are held. */
    public record ReservedLine(String productId, String variantId, String warehouseId, int quantity) {
    }
}
