package dev.checkout.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.testing.ApiResponse;
import dev.checkout.platform.testing.SharedServers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/** Redis holds only a copy: when it loses everything, every cart is still there, with the same items and totals. */
class CartDurabilityIT extends CartIntegrationTest {

    @Autowired
    StringRedisTemplate redis;

    @Test
    void everyCartSurvivesRedisBeingFlushed() {
        String widget = upstream.productInStock("10.00", 5);
        String gadget = upstream.productInStock("0.99", 5);
        Shopper guest = guest();
        Shopper user = newUser();
        Map<String, Shopper> owners = new LinkedHashMap<>();
        String guestCart = guest.cart();
        guest.added(guestCart, widget, 2);
        guest.added(guestCart, gadget, 7);
        owners.put(guestCart, guest);
        String userCart = user.cart();
        user.added(userCart, gadget, 1);
        owners.put(userCart, user);
        String emptyCart = guest.cart();
        owners.put(emptyCart, guest);
        Map<String, JsonNode> before = new LinkedHashMap<>();
        owners.forEach((cart, owner) -> before.put(cart, owner.view(cart).json()));
        assertThat(redis.hasKey(HotCarts.cartKey(guestCart))).isTrue();

        flushRedis();

        assertThat(redis.hasKey(HotCarts.cartKey(guestCart))).isFalse();
        owners.forEach((cart, owner) -> assertThat(owner.view(cart).json()).as(cart).isEqualTo(before.get(cart)));
        assertThat(before.get(guestCart).path("subtotal").decimalValue()).isEqualByComparingTo("26.93");
        assertThat(redis.hasKey(HotCarts.cartKey(guestCart))).as("read back into Redis").isTrue();
        assertThat(guest.add(guestCart, widget, 1).json().at("/items/0/quantity").asInt()).isEqualTo(3);
    }

    @Test
    void aChangeMadeOnAStaleHotCopyIsMadeAgainOnTheRecordAndLosesNothing() {
        String widget = upstream.productInStock("2.00", 50);
        String gadget = upstream.productInStock("3.00", 50);
        Shopper guest = guest();
        String cart = guest.cart();
        guest.added(cart, widget, 1);
        // A change saved to PostgreSQL whose copy never reached Redis (Redis failed just then): Redis is now behind.
        jdbc.sql("update cart.carts set items = jsonb_set(items, '{0,quantity}', '3'), version = version + 1 where cart_id = :id")
                .param("id", cart).update();

        ApiResponse added = guest.added(cart, gadget, 1);

        assertThat(CartMergeIT.quantityOf(added.json(), widget)).isEqualTo(3);
        assertThat(CartMergeIT.quantityOf(added.json(), gadget)).isEqualTo(1);
        assertThat(CartMergeIT.quantityOf(guest.view(cart).json(), widget)).isEqualTo(3);
    }

    @Test
    void concurrentAddsToOneCartAreAllKept() throws Exception {
        Shopper guest = guest();
        String cart = guest.cart();
        List<String> products = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            products.add(upstream.productInStock("1.00", 50));
        }

        List<java.util.concurrent.Future<ApiResponse>> answers = new ArrayList<>();
        try (var executor = java.util.concurrent.Executors.newFixedThreadPool(products.size())) {
            products.forEach(product -> answers.add(executor.submit(() -> guest.add(cart, product, 1))));
        }

        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            ApiResponse answer = answers.get(i).get();
            assertThat(answer.status()).as(answer.toString()).isIn(201, 409);
            if (answer.status() == 201) {
                accepted.add(products.get(i));
            }
        }
        assertThat(accepted).isNotEmpty();
        assertThat(guest.view(cart).json().path("items").findValuesAsString("product_id")).containsExactlyInAnyOrderElementsOf(accepted);
    }

    /**
     * On servers of this JVM's own, a real FLUSHALL. On servers shared with other test runs, every key the cart service
     * owns is deleted instead (which is all a flush takes from it), so other services' tests are not disturbed.
     */
    private void flushRedis() {
        if (SharedServers.ownServers().isPresent()) {
            redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
                connection.serverCommands().flushAll();
                return null;
            });
            return;
        }
        List<String> keys = new ArrayList<>();
        for (String pattern : List.of("cart:*", "cart-product:*")) {
            try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(pattern).count(1000).build())) {
                cursor.forEachRemaining(keys::add);
            }
        }
        if (!keys.isEmpty()) {
            redis.delete(keys);
        }
    }
}
