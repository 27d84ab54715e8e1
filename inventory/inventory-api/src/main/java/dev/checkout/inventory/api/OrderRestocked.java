package dev.checkout.inventory.api;

import dev.checkout.platform.contracts.MessageType;

/** The owner's sold units are back in stock (or there were none to return). */
@MessageType("OrderRestocked")
public record OrderRestocked(String ownerId) {
}
