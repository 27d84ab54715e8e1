package dev.checkout.inventory.api;

import java.util.List;

import dev.checkout.platform.contracts.MessageType;

/**
 * Return some units of an owner's confirmed sale to stock (a customer's return), once per {@code restockId}: asking
 * again with the same id changes nothing. Never more of a line than was sold and not returned before. Replies
 * {@link ItemsRestocked}.
 */
@MessageType("RestockItems")
public record RestockItems(String ownerId, String restockId, List<StockLine> lines) {
}
