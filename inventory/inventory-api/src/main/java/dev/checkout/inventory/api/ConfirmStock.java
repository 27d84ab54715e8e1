package dev.checkout.inventory.api;

import dev.checkout.platform.contracts.MessageType;

/** Turn the owner's reservation into a sale: the reserved units leave the stock. Replies {@link StockConfirmed} or {@link StockConfirmationFailed}. */
@MessageType("ConfirmStock")
public record ConfirmStock(String ownerId) {
}
