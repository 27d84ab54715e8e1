package dev.checkout.inventory.api;

/** The reservation could not be extended (it expired or was released); {@code reason} says which. */
public record ReservationExtensionFailed(String ownerId, String reason) {
}
