package dev.checkout.cart;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import dev.checkout.platform.core.Ids;
import dev.checkout.platform.core.Money;

/**
 * A guest's or a user's cart and its rules: only an ACTIVE cart changes; one line per product and variant, adding
 * again sums; no line above the per-item limit; a line keeps the price it was added at until checkout re-validates it.
 * Its life after checkout follows the order's events (see {@link CartLifecycle}).
 * <p>
 * {@code version} counts the changes the store has saved; the store writes a change only over the version it was made
 * from, so concurrent changes never overwrite each other.
 * <p>
 * Longer than 300 lines on purpose: it is the aggregate, and every change of a cart's state (lines, checkout holds,
 * the order's outcome, merge, expiry) goes through it so that its rules hold in one place; about a seventh of it is
 * read-only accessors. Decisions that need no cart of their own live beside it ({@link GuestItemMerge}).
 */
final class Cart {

    private final String cartId;
    private final String userId;
    private final Instant createdAt;
    private final List<CartItem> items;
    private CartStatus status;
    private String currency;
    private String holderId;
    private String orderId;
    private String mergedInto;
    private String checkoutAnswer;
    private long version;
    private Instant updatedAt;

    Cart(String cartId, String userId, CartStatus status, String currency, List<CartItem> items, String holderId,
         String orderId, String mergedInto, String checkoutAnswer, long version, Instant createdAt, Instant updatedAt) {
        this.cartId = Objects.requireNonNull(cartId);
        this.userId = userId;
        this.status = Objects.requireNonNull(status);
        this.currency = Objects.requireNonNull(currency);
        this.items = new ArrayList<>(items);
        this.holderId = holderId;
        this.orderId = orderId;
        this.mergedInto = mergedInto;
        this.checkoutAnswer = checkoutAnswer;
        this.version = version;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /** A new, empty, ACTIVE cart: a guest's when {@code userId} is null. Version 0 until first saved. */
    static Cart open(String userId, Instant now) {
        return new Cart(Ids.newId("cart"), userId, CartStatus.ACTIVE, Money.DEFAULT_CURRENCY, List.of(), null, null, null,
                null, 0, moment(now), moment(now));
    }

    /** Times as PostgreSQL keeps them (microseconds), so a cart read back from it is the cart that was written. */
    static Instant moment(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    boolean isGuest() {
        return userId == null;
    }

    /** Whether someone may see and change this cart: anyone holding a guest cart's id, or the user it belongs to. */
    boolean isReachableBy(String callerId, boolean admin) {
        return isGuest() || admin || userId.equals(callerId);
    }

    void requireActive() {
        if (status != CartStatus.ACTIVE) {
            throw CartRefusal.notActive(this);
        }
    }

    Optional<CartItem> item(String cartItemId) {
        return items.stream().filter(i -> i.cartItemId().equals(cartItemId)).findFirst();
    }

    Optional<CartItem> itemFor(String productId, String variantId) {
        return items.stream().filter(i -> i.isFor(productId, variantId)).findFirst();
    }

    /** Adds units of a product at its current offer; a product already in the cart gets the quantities summed. */
    CartItem add(String productId, String variantId, ProductCopy.Offer offer, int quantity, int limit, Instant now) {
        requireActive();
        requireSameCurrency(offer.currency());
        Optional<CartItem> existing = itemFor(productId, variantId);
        // In long: a line of 1 plus Integer.MAX_VALUE more must be refused, not wrap round to a negative quantity.
        long total = (long) existing.map(CartItem::quantity).orElse(0) + quantity;
        if (total > limit) {
            throw CartRefusal.quantityLimitExceeded(limit, total);
        }
        CartItem item = existing.map(e -> e.withQuantity((int) total))
                .orElseGet(() -> new CartItem(Ids.newId("item"), productId, variantId, offer.name(), quantity,
                        Money.of(offer.unitPrice()), moment(now)));
        put(item, offer.currency());
        touch(now);
        return item;
    }

    void changeQuantity(String cartItemId, int quantity, int limit, Instant now) {
        requireActive();
        CartItem item = item(cartItemId).orElseThrow(() -> CartRefusal.itemNotFound(cartItemId));
        if (quantity > limit) {
            throw CartRefusal.quantityLimitExceeded(limit, quantity);
        }
        put(item.withQuantity(quantity), currency);
        touch(now);
    }

    void remove(String cartItemId, Instant now) {
        requireActive();
        CartItem item = item(cartItemId).orElseThrow(() -> CartRefusal.itemNotFound(cartItemId));
        items.remove(item);
        touch(now);
    }

    /** Freezes the cart for a checkout or an order. */
    void checkOut(String holder, Instant now) {
        requireActive();
        if (items.isEmpty()) {
            throw CartRefusal.empty(this);
        }
        status = CartStatus.CHECKED_OUT;
        holderId = holder;
        touch(now);
    }

    /** Keeps what the holder was told at checkout, to tell it the same again. */
    void rememberCheckoutAnswer(String answer) {
        checkoutAnswer = answer;
    }

    boolean isHeldBy(String holder) {
        return status == CartStatus.CHECKED_OUT && holder.equals(holderId);
    }

    /** An order was placed from this cart: it holds the cart (if a checkout did not already). */
    boolean orderPlaced(String order, Instant now) {
        if (status == CartStatus.ACTIVE && !items.isEmpty()) {
            status = CartStatus.CHECKED_OUT;
            holderId = order;
            orderId = order;
            touch(now);
            return true;
        }
        if (status == CartStatus.CHECKED_OUT && orderId == null) {
            orderId = order; // the checkout holding the cart became this order
            touch(now);
            return true;
        }
        return false;
    }

    /** The order confirmed: the cart is spent. */
    boolean orderConfirmed(String order, Instant now) {
        if (!isHeldForOrder(order)) {
            return false;
        }
        status = CartStatus.CONVERTED;
        orderId = order;
        touch(now);
        return true;
    }

    /** The order failed or was cancelled before it confirmed: the customer gets the cart back. */
    boolean orderEnded(String order, Instant now) {
        if (!isHeldForOrder(order)) {
            return false;
        }
        release(now);
        return true;
    }

    /** The checkout ran out before an order was placed from it: the customer gets the cart back. */
    boolean checkoutExpired(String checkoutId, Instant now) {
        if (!isHeldBy(checkoutId) || orderId != null) {
            return false;
        }
        release(now);
        return true;
    }

    /**
     * The order service, asked by the reconciliation, knows nothing live of what holds the cart (no such order or
     * checkout, or it ended): the customer gets the cart back. False when the cart changed since it was read.
     */
    boolean holderGone(String holder, Instant unchangedSince, Instant now) {
        if (!isHeldBy(holder) || updatedAt.isAfter(unchangedSince)) {
            return false;
        }
        release(now);
        return true;
    }

    /**
     * Moves a guest cart's items into this one, each as {@link GuestItemMerge} says: quantities summed and capped at
     * {@code limit}, items that can no longer be had dropped, prices of the merged lines refreshed; the guest cart ends
     * MERGED. Returns a warning for every adjustment made.
     */
    List<CartWarning> absorb(Cart guest, Function<CartItem, Optional<ProductCopy.Offer>> offers, int limit, Instant now) {
        requireActive();
        guest.requireActive();
        List<CartWarning> warnings = new ArrayList<>();
        for (CartItem incoming : guest.items) {
            GuestItemMerge merged = GuestItemMerge.of(incoming, offers.apply(incoming),
                    itemFor(incoming.productId(), incoming.variantId()), items.isEmpty(), currency, limit);
            warnings.addAll(merged.warnings());
            merged.line().ifPresent(line -> put(line, merged.currency()));
        }
        touch(now);
        guest.status = CartStatus.MERGED;
        guest.mergedInto = cartId;
        guest.touch(now);
        return warnings;
    }

    /** An idle guest cart expires; nothing else does. */
    boolean expire(Instant now) {
        if (!isGuest() || status != CartStatus.ACTIVE) {
            return false;
        }
        status = CartStatus.EXPIRED;
        touch(now);
        return true;
    }

    /** The store saved this change: the next one is made from the new version. */
    void saved(long newVersion) {
        version = newVersion;
    }

    BigDecimal subtotal() {
        return Money.of(items.stream().map(CartItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    int itemCount() {
        return items.stream().mapToInt(CartItem::quantity).sum();
    }

    private boolean isHeldForOrder(String order) {
        return status == CartStatus.CHECKED_OUT && (order.equals(holderId) || order.equals(orderId));
    }

    private void release(Instant now) {
        status = CartStatus.ACTIVE;
        holderId = null;
        orderId = null;
        checkoutAnswer = null;
        touch(now);
    }

    private void requireSameCurrency(String offered) {
        if (!items.isEmpty() && !currency.equals(offered)) {
            throw CartRefusal.currencyMismatch(currency, offered);
        }
    }

    private void put(CartItem item, String itemCurrency) {
        if (items.isEmpty()) {
            currency = itemCurrency;
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).cartItemId().equals(item.cartItemId())) {
                items.set(i, item);
                return;
            }
        }
        items.add(item);
    }

    private void touch(Instant now) {
        updatedAt = moment(now);
    }

    String cartId() {
        return cartId;
    }

    String userId() {
        return userId;
    }

    CartStatus status() {
        return status;
    }

    String currency() {
        return currency;
    }

    List<CartItem> items() {
        return List.copyOf(items);
    }

    String holderId() {
        return holderId;
    }

    String orderId() {
        return orderId;
    }

    String mergedInto() {
        return mergedInto;
    }

    String checkoutAnswer() {
        return checkoutAnswer;
    }

    long version() {
        return version;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
