package dev.checkout.inventory.api;

import java.time.Instant;

/** The reservation now lasts until {@code expiresAt}. */
public record ReservationExtended(String ownerId, Instant expiresAt) {
}
