package dev.checkout.inventory.api;

/** The reservation could not be confirmed ({@code reservation_expired}, {@code reservation_released}, {@code reservation_not_found}). */
public record StockConfirmationFailed(String ownerId, String reason) {
}
