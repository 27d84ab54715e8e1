package dev.checkout.inventory.api;

import dev.checkout.platform.contracts.MessageType;

/** The units of {@code restockId} are back in stock ({@code units} of them; 0 when there was nothing left to return). */
@MessageType("ItemsRestocked")
public record ItemsRestocked(String ownerId, String restockId, int units) {
}
