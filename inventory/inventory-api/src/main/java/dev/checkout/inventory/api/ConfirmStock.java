package dev.checkout.inventory.api;

/** Turn the owner's reservation into a sale: the reserved units leave the stock. Replies {@link StockConfirmed} or {@link StockConfirmationFailed}. */
public record ConfirmStock(String ownerId) {
}
