package dev.checkout.inventory.api;

import dev.checkout.platform.contracts.MessageType;

/** The reservation could not be confirmed ({@code reservation_expired}, {@code reservation_released}, {@code reservation_not_found}). */
@MessageType("StockConfirmationFailed")
public record StockConfirmationFailed(String ownerId, String reason) {
}
