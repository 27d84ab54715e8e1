package dev.checkout.inventory.api;

import dev.checkout.platform.contracts.MessageType;

import java.time.Instant;
import java.util.List;

/**
 * Reserve every line for {@code ownerId} until {@code expiresAt}, all or nothing. When {@code adoptReservationOf}
 * names a checkout whose reservation is still held, that reservation is handed over to the owner instead of reserving
 * again. Replies {@link StockReserved} or {@link StockReservationFailed}.
 */
@MessageType("ReserveStock")
public record ReserveStock(String ownerId, List<StockLine> lines, Instant expiresAt, String adoptReservationOf) {
}
