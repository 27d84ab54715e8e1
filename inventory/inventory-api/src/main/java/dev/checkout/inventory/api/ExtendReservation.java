package dev.checkout.inventory.api;

import java.time.Instant;

/** Keep the owner's reservation until at least {@code expiresAt}. Replies {@link ReservationExtended} or {@link ReservationExtensionFailed}. */
public record ExtendReservation(String ownerId, Instant expiresAt) {
}
