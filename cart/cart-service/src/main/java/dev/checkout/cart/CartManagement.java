package dev.checkout.cart;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.checkout.cart.CartViews.CartView;
import dev.checkout.cart.api.CartRelease;
import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What customers (and the order service, at checkout) do with carts. Changes to one cart are made on the copy read
 * (usually Redis's) and saved over the version read; when someone else saved first, the cart is read again from
 * PostgreSQL and the change made again. Changes to two carts at once (a merge) or driven by the record (a checkout) lock
 * the rows instead.
 */
@Service
class CartManagement {

    private static final int ATTEMPTS = 5;

    private final CartStore store;
    private final ProductCopies products;
    private final Offers offers;
    private final CartProperties properties;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    CartManagement(CartStore store, ProductCopies products, Offers offers, CartProperties properties,
                   TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.store = store;
        this.products = products;
        this.offers = offers;
        this.properties = properties;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /** A guest gets a new cart; a user gets their current cart, created if they have none. */
    CartView open(Caller caller) {
        if (!caller.isAuthenticated()) {
            Cart cart = Cart.open(null, clock.instant());
            store.insert(cart);
            return view(cart);
        }
        return view(currentCartOf(caller.userId()));
    }

    CartView view(CartAccess access) {
        return view(access.cart());
    }

    CartView addItem(CartAccess access, String productId, String variantId, int quantity) {
        Cart cart = change(access.cart(), c -> {
            c.requireActive();
            ProductCopy.Offer offer = offers.forAdding(productId, variantId);
            c.add(productId, variantId, offer, quantity, properties.maxQuantityPerItem(), clock.instant());
        });
        return view(cart);
    }

    CartView changeQuantity(CartAccess access, String cartItemId, int quantity) {
        Cart cart = change(access.cart(), c -> {
            c.requireActive();
            CartItem item = c.item(cartItemId).orElseThrow(() -> CartRefusal.itemNotFound(cartItemId));
            if (quantity > item.quantity() && quantity <= properties.maxQuantityPerItem()) {
                offers.forAdding(item.productId(), item.variantId()); // more of something that is gone is refused
            }
            c.changeQuantity(cartItemId, quantity, properties.maxQuantityPerItem(), clock.instant());
        });
        return view(cart);
    }

    void removeItem(CartAccess access, String cartItemId) {
        change(access.cart(), c -> c.remove(cartItemId, clock.instant()));
    }

    /**
     * Moves the guest cart into the caller's cart. Asking again once it is done answers the caller's cart again, so a
     * client that lost the first answer can retry.
     */
    CartView merge(CartAccess guestAccess) {
        String userId = guestAccess.caller().requireUserId();
        Cart guest = guestAccess.cart();
        if (!guest.isGuest()) {
            throw ApiException.unprocessable("not_a_guest_cart", "Only a guest cart can be merged into your cart");
        }
        Cart target = currentCartOf(userId);
        if (guest.status() == CartStatus.MERGED && target.cartId().equals(guest.mergedInto())) {
            return view(target);
        }
        record Merged(Cart cart, List<CartWarning> adjustments) {
        }
        Merged merged = transactions.execute(status -> {
            // Both rows locked, in id order so two merges touching the same carts cannot deadlock.
            Map<String, Cart> locked = new HashMap<>();
            Stream.of(guest.cartId(), target.cartId()).sorted().forEach(id -> locked.put(id, store.lock(id).orElseThrow()));
            Cart lockedGuest = locked.get(guest.cartId());
            Cart lockedTarget = locked.get(target.cartId());
            // The offers of the items as locked: the guest cart read before the lock may have gained items since, and
            // an item without an offer would be dropped as no longer sold.
            Map<String, ProductCopy> copies = products.findAll(lockedGuest.items().stream().map(CartItem::productId).toList());
            List<CartWarning> adjustments = lockedTarget.absorb(lockedGuest,
                    item -> Optional.ofNullable(copies.get(item.productId())).flatMap(copy -> copy.offer(item.variantId())),
                    properties.maxQuantityPerItem(), clock.instant());
            store.save(lockedTarget);
            store.save(lockedGuest);
            return new Merged(lockedTarget, adjustments);
        });
        return CartViews.cart(merged.cart(), products.findAll(productIds(merged.cart())), merged.adjustments());
    }

    /**
     * Hands the cart to a checkout or an order ({@code holderId}): the cart becomes CHECKED_OUT, its items frozen, and
     * the holder gets them at current prices. The same holder asking again gets the same answer.
     */
    JsonNode checkout(CartAccess access, String holderId) {
        String userId = access.caller().requireUserId();
        if (!userId.equals(access.cart().userId())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                    "Only your own cart can be checked out; log in and merge a guest cart into yours first");
        }
        String answer = transactions.execute(status -> {
            Cart cart = store.lock(access.cart().cartId()).orElseThrow();
            if (cart.isHeldBy(holderId) && cart.checkoutAnswer() != null) {
                return cart.checkoutAnswer();
            }
            Instant now = clock.instant();
            cart.checkOut(holderId, now);
            String given = json.writeValueAsString(CartViews.checkout(cart, products.findAll(productIds(cart))));
            cart.rememberCheckoutAnswer(given);
            store.save(cart);
            return given;
        });
        return json.readTree(answer);
    }

    /**
     * The order service gives back a cart held by a checkout it refused while opening ({@link CartRelease}): only that
     * holder's hold, and only while no order was placed from it, is let go; anything else changes nothing.
     */
    CartRelease.Answer release(String cartId, String holderId) {
        return transactions.execute(status -> {
            Cart cart = store.lock(cartId).orElseThrow(() -> ApiException.notFound("Cart", cartId));
            boolean released = cart.checkoutExpired(holderId, clock.instant());
            if (released) {
                store.save(cart);
            }
            return new CartRelease.Answer(cartId, released, cart.status().name());
        });
    }

    private Cart currentCartOf(String userId) {
        Optional<Cart> current = store.currentOf(userId);
        if (current.isPresent()) {
            return current.get();
        }
        Cart opened = Cart.open(userId, clock.instant());
        // Two first requests of a user at once: the unique index lets one cart in; the other request returns it.
        return store.insert(opened) ? opened : store.currentOf(userId).orElseThrow();
    }

    /** Applies the change and saves it over the version it was made from, reading again when someone saved first. */
    private Cart change(Cart read, Consumer<Cart> change) {
        Cart cart = read;
        for (int attempt = 1; ; attempt++) {
            change.accept(cart);
            if (store.save(cart)) {
                return cart;
            }
            if (attempt == ATTEMPTS) {
                throw ApiException.conflict("concurrent_update", "The cart is being changed by another request; try again");
            }
            String cartId = cart.cartId();
            cart = store.findDurable(cartId).orElseThrow(() -> ApiException.notFound("Cart", cartId));
        }
    }

    private CartView view(Cart cart) {
        return CartViews.cart(cart, products.findAll(productIds(cart)), List.of());
    }

    private static List<String> productIds(Cart cart) {
        return cart.items().stream().map(CartItem::productId).sorted(Comparator.naturalOrder()).distinct().toList();
    }
}
