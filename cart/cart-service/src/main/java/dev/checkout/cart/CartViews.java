package dev.checkout.cart;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.checkout.cart.api.CartHold;
import dev.checkout.platform.core.Money;

/**
 * How carts look in responses, and the warnings they carry (seed 002 Part 5.4, option C): each item keeps the price
 * locked in when it was added, and the cart honours it ({@code unit_price}, {@code line_total}, {@code subtotal});
 * the product copy tells what the item costs now ({@code current_price}) and whether it can be had, and every
 * difference becomes a warning. The checkout view re-validates: its {@code unit_price} and {@code subtotal} are the
 * current ones.
 */
final class CartViews {

    private CartViews() {
    }

    record CartView(String cartId, String userId, String status, List<ItemView> items, BigDecimal subtotal, int itemCount,
                    String currency, String holderId, String orderId, String mergedInto, Instant createdAt, Instant updatedAt,
                    List<CartWarning> warnings) {
    }

    record ItemView(String cartItemId, String productId, String variantId, String name, int quantity, BigDecimal unitPrice,
                    BigDecimal priceAtAddition, BigDecimal currentPrice, BigDecimal lineTotal, boolean inStock) {
    }


    /** The cart; {@code adjustments} are warnings about changes just made to it (a merge's), listed first. */
    static CartView cart(Cart cart, Map<String, ProductCopy> products, List<CartWarning> adjustments) {
        boolean live = cart.status() == CartStatus.ACTIVE || cart.status() == CartStatus.CHECKED_OUT;
        List<CartWarning> warnings = new ArrayList<>(adjustments);
        List<ItemView> items = new ArrayList<>();
        for (CartItem item : ordered(cart)) {
            Assessment now = live ? assess(item, products.get(item.productId())) : Assessment.UNKNOWN;
            warnings.addAll(now.warnings());
            items.add(new ItemView(item.cartItemId(), item.productId(), item.variantId(), item.name(), item.quantity(),
                    item.priceAtAddition(), item.priceAtAddition(), now.currentPrice(), Money.of(item.lineTotal()), now.inStock()));
        }
        return new CartView(cart.cartId(), cart.userId(), cart.status().name(), items, cart.subtotal(), cart.itemCount(),
                cart.currency(), cart.holderId(), cart.orderId(), cart.mergedInto(), cart.createdAt(), cart.updatedAt(),
                List.copyOf(warnings));
    }

    /** What the holder of a checkout takes: every item at its current price, and what changed since it was added. */
    static CartHold.HeldCart checkout(Cart cart, Map<String, ProductCopy> products) {
        List<CartWarning> warnings = new ArrayList<>();
        List<CartHold.Item> items = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        for (CartItem item : ordered(cart)) {
            Assessment now = assess(item, products.get(item.productId()));
            warnings.addAll(now.warnings());
            BigDecimal price = now.currentPrice() != null ? now.currentPrice() : item.priceAtAddition();
            BigDecimal lineTotal = Money.of(price.multiply(BigDecimal.valueOf(item.quantity())));
            subtotal = subtotal.add(lineTotal);
            ProductCopy copy = products.get(item.productId());
            Long catalogVersion = copy == null || copy.catalogVersion() == 0 ? null : copy.catalogVersion();
            items.add(new CartHold.Item(item.cartItemId(), item.productId(), item.variantId(), item.name(), item.quantity(),
                    price, item.priceAtAddition(), lineTotal, now.inStock(), catalogVersion));
        }
        return new CartHold.HeldCart(cart.cartId(), cart.userId(), cart.status().name(), cart.holderId(), items, Money.of(subtotal),
                cart.currency(), warnings.stream().map(w -> new CartHold.Warning(w.code(), w.productId(), w.message())).toList());
    }

    private static List<CartItem> ordered(Cart cart) {
        return cart.items().stream()
                .sorted(Comparator.comparing(CartItem::addedAt).thenComparing(CartItem::cartItemId))
                .toList();
    }

    /** What the product copy says of an item now. */
    private record Assessment(BigDecimal currentPrice, boolean inStock, List<CartWarning> warnings) {
        static final Assessment UNKNOWN = new Assessment(null, true, List.of());
    }

    private static Assessment assess(CartItem item, ProductCopy product) {
        if (product == null || !product.isKnown()) {
            return Assessment.UNKNOWN; // nothing heard of it since it was added: no news to tell
        }
        Optional<ProductCopy.Offer> found = product.offer(item.variantId());
        if (found.isEmpty()) {
            return new Assessment(null, false, List.of(new CartWarning(CartWarning.PRODUCT_UNAVAILABLE, item.productId(),
                    item.name() + " is no longer sold")));
        }
        ProductCopy.Offer offer = found.get();
        BigDecimal current = Money.of(offer.unitPrice());
        List<CartWarning> warnings = new ArrayList<>();
        if (current.compareTo(item.priceAtAddition()) != 0) {
            warnings.add(new CartWarning(CartWarning.PRICE_CHANGED, item.productId(), item.name() + " now costs "
                    + current.toPlainString() + "; your cart keeps " + item.priceAtAddition().toPlainString()
                    + " until checkout"));
        }
        boolean inStock = offer.available() > 0;
        if (!inStock) {
            warnings.add(new CartWarning(CartWarning.OUT_OF_STOCK, item.productId(), item.name() + " is out of stock"));
        } else if (offer.available() < item.quantity()) {
            warnings.add(new CartWarning(CartWarning.LIMITED_STOCK, item.productId(), "Only " + offer.available()
                    + " of " + item.name() + " are available; you asked for " + item.quantity()));
        }
        return new Assessment(current, inStock, warnings);
    }
}
