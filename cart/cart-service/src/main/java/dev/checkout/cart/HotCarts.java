package dev.checkout.cart;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hot copy of carts in Redis, laid out as seed 002 Part 5.2 draws it: a hash {@code cart:{cart_id}} with the
 * cart's fields and a hash {@code cart:{cart_id}:items} mapping {@code product_id:variant_id} to the item as JSON.
 * The braces are literal: they make the cart id the Redis Cluster hash tag, so both keys of a cart live in one slot
 * and the scripts below, which touch both, run on a cluster too.
 * <p>
 * PostgreSQL is the record; this copy is only ever overwritten by a newer version of the cart (a script compares the
 * versions), so copies written out of order after concurrent commits cannot go back in time. Losing it loses nothing:
 * a cart missing here is read from PostgreSQL and put back.
 */
@Component
class HotCarts {

    private static final Logger log = LoggerFactory.getLogger(HotCarts.class);

    /** Both hashes of a cart in one atomic read, so a concurrent rewrite is never seen half done. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ = RedisScript.of(
            "return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2])}", List.class);

    /**
     * Replaces the cart's hashes unless Redis already holds this version or a newer one. ARGV: version, TTL in seconds,
     * number of cart fields n, n field/value pairs, then item field/value pairs.
     */
    private static final RedisScript<Long> WRITE = RedisScript.of("""
            local current = redis.call('HGET', KEYS[1], 'version')
            if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
            redis.call('DEL', KEYS[1], KEYS[2])
            local fieldsEnd = 3 + 2 * tonumber(ARGV[3])
            redis.call('HSET', KEYS[1], unpack(ARGV, 4, fieldsEnd))
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            if #ARGV > fieldsEnd then
              redis.call('HSET', KEYS[2], unpack(ARGV, fieldsEnd + 1, #ARGV))
              redis.call('EXPIRE', KEYS[2], ARGV[2])
            end
            return 1""", Long.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final CartProperties properties;

    HotCarts(StringRedisTemplate redis, JsonMapper json, CartProperties properties) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
    }

    static String cartKey(String cartId) {
        return "cart:{" + cartId + "}";
    }

    static String itemsKey(String cartId) {
        return cartKey(cartId) + ":items";
    }

    /**
     * The cart as Redis holds it; empty when Redis does not have it.
     *
     * @throws org.springframework.dao.DataAccessException when Redis cannot be reached
     */
    Optional<Cart> read(String cartId) {
        List<?> hashes = redis.execute(READ, List.of(cartKey(cartId), itemsKey(cartId)));
        Map<String, String> fields = pairs((List<?>) hashes.get(0));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        List<CartItem> items = new ArrayList<>();
        pairs((List<?>) hashes.get(1)).values().forEach(item -> items.add(json.readValue(item, CartItem.class)));
        return Optional.of(new Cart(cartId, fields.get("user_id"), CartStatus.valueOf(fields.get("status")),
                fields.get("currency"), items, fields.get("holder_id"), fields.get("order_id"), fields.get("merged_into"),
                fields.get("checkout"), Long.parseLong(fields.get("version")), Instant.parse(fields.get("created_at")),
                Instant.parse(fields.get("updated_at"))));
    }

    /**
     * Writes the cart as it is now; inside a transaction, once it commits (a copy of a change that rolled back must never
     * be seen). A failure is logged, not thrown: PostgreSQL has the change, and the copy here is dropped so that it
     * cannot serve a stale cart.
     */
    void write(Cart cart) {
        String cartId = cart.cartId();
        List<String> arguments = arguments(cart);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    execute(cartId, arguments);
                }
            });
        } else {
            execute(cartId, arguments);
        }
    }

    private void execute(String cartId, List<String> arguments) {
        try {
            redis.execute(WRITE, List.of(cartKey(cartId), itemsKey(cartId)), arguments.toArray());
        } catch (RuntimeException e) {
            log.warn("could not write cart {} to Redis ({}); it will be read from PostgreSQL", cartId, e.toString());
            try {
                redis.delete(List.of(cartKey(cartId), itemsKey(cartId)));
            } catch (RuntimeException ignored) {
                // Redis is down: when it is back it has either no copy or an older one, which the next write replaces
            }
        }
    }

    private List<String> arguments(Cart cart) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("cart_id", cart.cartId());
        fields.put("status", cart.status().name());
        fields.put("currency", cart.currency());
        fields.put("version", Long.toString(cart.version()));
        fields.put("created_at", cart.createdAt().toString());
        fields.put("updated_at", cart.updatedAt().toString());
        putIfPresent(fields, "user_id", cart.userId());
        putIfPresent(fields, "holder_id", cart.holderId());
        putIfPresent(fields, "order_id", cart.orderId());
        putIfPresent(fields, "merged_into", cart.mergedInto());
        putIfPresent(fields, "checkout", cart.checkoutAnswer());
        List<String> arguments = new ArrayList<>();
        arguments.add(Long.toString(cart.version()));
        arguments.add(Long.toString(Math.max(1, properties.hotCopyTtl().toSeconds())));
        arguments.add(Integer.toString(fields.size()));
        fields.forEach((name, value) -> {
            arguments.add(name);
            arguments.add(value);
        });
        for (CartItem item : cart.items()) {
            arguments.add(item.key());
            arguments.add(json.writeValueAsString(item));
        }
        return arguments;
    }

    private static void putIfPresent(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private static Map<String, String> pairs(List<?> flat) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return map;
    }
}
