package dev.checkout.cart;

import java.util.Optional;

import dev.checkout.platform.core.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carts, written through: every change is saved to PostgreSQL first (the record; a conditional update on the version
 * the change was made from) and then copied to Redis, from which carts are read. Reads fall back to PostgreSQL when
 * Redis lacks the cart (flushed, restarted, evicted) or cannot be reached, and put the cart back.
 */
@Component
class CartStore {

    private static final Logger log = LoggerFactory.getLogger(CartStore.class);

    private final Carts carts;
    private final HotCarts hot;
    private final Counter hits;
    private final Counter misses;
    private final Counter redisFailures;

    CartStore(Carts carts, HotCarts hot, MeterRegistry meters) {
        this.carts = carts;
        this.hot = hot;
        this.hits = Counter.builder("checkout.cart.reads").tag("source", "redis").register(meters);
        this.misses = Counter.builder("checkout.cart.reads").tag("source", "postgresql").register(meters);
        this.redisFailures = Counter.builder("checkout.cart.redis.failures").register(meters);
    }

    /** The cart, from Redis when it has it; empty for an id that names no cart (whatever its shape). */
    Optional<Cart> find(String cartId) {
        if (!Ids.looksLike("cart", cartId)) {
            return Optional.empty();
        }
        try {
            Optional<Cart> cached = hot.read(cartId);
            if (cached.isPresent()) {
                hits.increment();
                return cached;
            }
        } catch (RuntimeException e) {
            redisFailures.increment();
            log.warn("could not read cart {} from Redis ({}); reading PostgreSQL", cartId, e.toString());
        }
        return findDurable(cartId);
    }

    /** The cart as PostgreSQL has it (and Redis gets it again). */
    Optional<Cart> findDurable(String cartId) {
        misses.increment();
        Optional<Cart> cart = carts.find(cartId);
        cart.ifPresent(hot::write);
        return cart;
    }

    /** Locks the cart's row for the transaction; changes saved with {@link #save} are then sure to apply. */
    Optional<Cart> lock(String cartId) {
        return Ids.looksLike("cart", cartId) ? carts.lock(cartId) : Optional.empty();
    }

    Optional<Cart> currentOf(String userId) {
        return carts.currentOf(userId);
    }

    /** Saves a new cart; false when the user already has a current cart. */
    boolean insert(Cart cart) {
        boolean inserted = carts.insert(cart);
        if (inserted) {
            hot.write(cart);
        }
        return inserted;
    }

    /** Saves the change if nobody saved another since the cart was read; false otherwise (read again and retry). */
    boolean save(Cart cart) {
        boolean saved = carts.update(cart);
        if (saved) {
            hot.write(cart);
        }
        return saved;
    }
}
