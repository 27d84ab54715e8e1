package dev.checkout.inventory.api;

import dev.checkout.platform.contracts.MessageType;

/** Return the units an owner's confirmed sale took (a cancellation, a return, or a confirmation undone); nothing for a sale that never was. Replies {@link OrderRestocked}. */
@MessageType("RestockOrder")
public record RestockOrder(String ownerId, String reason) {
}
