package dev.checkout.cart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.checkout.platform.core.DomainModel;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.core.Money;

/**
 * What one item of a guest's cart becomes in the user's cart when the two merge: dropped when it can no longer be had
 * (not sold, out of stock, or in another currency than the cart's), otherwise summed with the user's line for the same
 * product and variant, capped at the per-item limit, at today's price; a warning for every adjustment.
 *
 * @param line     the user's line as it becomes, or empty when the item was dropped
 * @param currency the currency of the offer the line now has
 * @param warnings what the customer is told about this item
 */
@DomainModel
record GuestItemMerge(Optional<CartItem> line, String currency, List<CartWarning> warnings) {

    /**
     * @param incoming  the guest's item
     * @param found     the product's offer now, if it is still sold
     * @param existing  the user's line for the same product and variant, if any
     * @param cartEmpty whether the user's cart has no line yet (then any currency will do)
     * @param currency  the user's cart's currency
     */
    static GuestItemMerge of(CartItem incoming, Optional<ProductCopy.Offer> found, Optional<CartItem> existing, boolean cartEmpty,
                             String currency, int limit) {
        List<CartWarning> warnings = new ArrayList<>();
        if (found.isEmpty() || found.get().available() <= 0 || !(cartEmpty || currency.equals(found.get().currency()))) {
            String why = found.isEmpty() ? "is no longer sold" : found.get().available() <= 0 ? "is out of stock"
                    : "is sold in another currency than this cart";
            warnings.add(new CartWarning(CartWarning.ITEM_REMOVED, incoming.productId(),
                    incoming.name() + " " + why + " and was not moved into your cart"));
            return new GuestItemMerge(Optional.empty(), currency, warnings);
        }
        ProductCopy.Offer offer = found.get();
        BigDecimal price = Money.of(offer.unitPrice());
        int wanted = existing.map(CartItem::quantity).orElse(0) + incoming.quantity();
        int quantity = Math.min(wanted, limit);
        if (wanted > limit) {
            warnings.add(new CartWarning(CartWarning.QUANTITY_CAPPED, incoming.productId(),
                    incoming.name() + ": " + wanted + " together, capped at the limit of " + limit));
        }
        BigDecimal previous = existing.map(CartItem::priceAtAddition).orElse(incoming.priceAtAddition());
        if (previous.compareTo(price) != 0) {
            warnings.add(new CartWarning(CartWarning.PRICE_CHANGED, incoming.productId(),
                    incoming.name() + " now costs " + price.toPlainString() + " (was " + previous.toPlainString() + ")"));
        }
        CartItem line = existing.map(e -> e.withQuantity(quantity).withPrice(price))
                .orElseGet(() -> new CartItem(Ids.newId("item"), incoming.productId(), incoming.variantId(), incoming.name(),
                        quantity, price, incoming.addedAt())); // keeps the order they were added in
        return new GuestItemMerge(Optional.of(line), offer.currency(), warnings);
    }
}
