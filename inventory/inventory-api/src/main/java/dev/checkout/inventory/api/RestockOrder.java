package dev.checkout.inventory.api;

/** Return the units an owner's confirmed sale took (a cancellation or a return). Replies {@link OrderRestocked}. */
public record RestockOrder(String ownerId, String reason) {
}
