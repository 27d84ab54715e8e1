package dev.checkout.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import dev.checkout.platform.core.Ids;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The hand-over to a checkout or an order ({@code POST /carts/{id}/checkout}, for the order service), and what the
 * cart does when the order's events come: CHECKED_OUT → CONVERTED, or back to ACTIVE.
 */
class CartCheckoutAndLifecycleIT extends CartIntegrationTest {

    @Test
    void checkingOutFreezesTheCartForItsHolderAndAskingAgainGivesTheSameAnswer() {
        String widget = upstream.productInStock("5.00", 10);
        Shopper user = newUser();
        String cart = user.cart();
        String item = user.added(cart, widget, 2).text("/items/0/cart_item_id");
        String checkoutId = Ids.newId("chk");

        ApiResponse first = user.checkout(cart, checkoutId);
        ApiResponse again = user.checkout(cart, checkoutId);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.text("/status")).isEqualTo("CHECKED_OUT");
        assertThat(first.text("/holder_id")).isEqualTo(checkoutId);
        assertThat(first.text("/user_id")).isEqualTo(user.userId());
        assertThat(first.text("/items/0/cart_item_id")).isEqualTo(item);
        assertThat(first.text("/items/0/name")).isNotBlank();
        assertThat(first.json().at("/items/0/quantity").asInt()).isEqualTo(2);
        assertThat(amount(first, "/items/0/unit_price")).isEqualByComparingTo("5.00");
        assertThat(amount(first, "/subtotal")).isEqualByComparingTo("10.00");
        assertThat(first.text("/currency")).isEqualTo("USD");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());

        ApiResponse otherHolder = user.checkout(cart, Ids.newId("chk"));
        assertThat(otherHolder.status()).isEqualTo(409);
        assertThat(otherHolder.code()).isEqualTo("cart_not_active");
        assertThat(otherHolder.text("/holder_id")).isEqualTo(checkoutId);
        assertThat(user.add(cart, widget, 1).code()).isEqualTo("cart_not_active");
        assertThat(user.api().put("/api/v1/carts/" + cart + "/items/" + item, Map.of("quantity", 1)).status()).isEqualTo(409);
        assertThat(user.api().delete("/api/v1/carts/" + cart + "/items/" + item).status()).isEqualTo(409);
        assertThat(user.view(cart).text("/status")).isEqualTo("CHECKED_OUT");
        assertThat(user.api().post("/api/v1/carts", null).text("/cart_id")).isEqualTo(cart);
    }

    @Test
    void checkingOutIsRefusedForAnEmptyCartAGuestCartAGuestAndAMissingHolder() {
        Shopper user = newUser();
        String cart = user.cart();
        String widget = upstream.productInStock("5.00", 10);
        String guestCart = guest().cart();
        guest().added(guestCart, widget, 1);

        ApiResponse empty = user.checkout(cart, Ids.newId("chk"));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.code()).isEqualTo("cart_empty");
        assertThat(guest().checkout(cart, "chk_x").status()).isEqualTo(401);
        assertThat(user.checkout(guestCart, "chk_x").status()).isEqualTo(403);
        user.added(cart, widget, 1);
        ApiResponse noHolder = user.api().post("/api/v1/carts/" + cart + "/checkout", Map.of());
        assertThat(noHolder.status()).isEqualTo(400);
        assertThat(noHolder.text("/errors/0/field")).isEqualTo("holder_id");
        assertThat(user.view(cart).text("/status")).isEqualTo("ACTIVE");
    }

    @Test
    void aConfirmedOrderConvertsTheCartAndTheUserGetsANewOne() {
        Shopper user = newUser();
        String cart = cartWithOneItem(user);
        String orderId = Ids.newId("order");
        user.checkout(cart, orderId);

        upstream.orderPlaced(orderId, user.userId(), cart);
        upstream.orderConfirmed(orderId, user.userId(), cart);

        awaitStatus(user, cart, "CONVERTED");
        ApiResponse edit = user.add(cart, upstream.productInStock("1.00", 5), 1);
        assertThat(edit.code()).isEqualTo("cart_not_active");
        assertThat(edit.text("/order_id")).isEqualTo(orderId);
        ApiResponse next = user.api().post("/api/v1/carts", null);
        assertThat(next.text("/cart_id")).isNotEqualTo(cart);
        assertThat(next.text("/status")).isEqualTo("ACTIVE");
        assertThat(next.json().path("items")).isEmpty();
    }

    @Test
    void aFailedOrderGivesTheCartBackActiveWithItsItems() {
        Shopper user = newUser();
        String cart = cartWithOneItem(user);
        String orderId = Ids.newId("order");
        user.checkout(cart, orderId);

        upstream.orderFailed(orderId, user.userId(), cart);

        awaitStatus(user, cart, "ACTIVE");
        assertThat(user.view(cart).json().path("items")).hasSize(1);
        assertThat(user.checkout(cart, Ids.newId("order")).status()).isEqualTo(200);
    }

    @Test
    void anExpiredCheckoutGivesTheCartBackButAnEventAboutAnotherHolderChangesNothing() {
        Shopper user = newUser();
        String cart = cartWithOneItem(user);
        String checkoutId = Ids.newId("chk");
        user.checkout(cart, checkoutId);

        upstream.awaitHandled(upstream.checkoutExpired(Ids.newId("chk"), user.userId(), cart));
        upstream.awaitHandled(upstream.orderFailed(Ids.newId("order"), user.userId(), cart));
        assertThat(user.view(cart).text("/status")).isEqualTo("CHECKED_OUT");

        upstream.checkoutExpired(checkoutId, user.userId(), cart);

        awaitStatus(user, cart, "ACTIVE");
        assertThat(user.view(cart).text("/holder_id")).isNull();
    }

    @Test
    void anOrderPlacedStraightFromAnActiveCartHoldsItAndTheRefusalNamesTheOrder() {
        Shopper user = newUser();
        String cart = cartWithOneItem(user);
        String orderId = Ids.newId("order");

        upstream.orderPlaced(orderId, user.userId(), cart);

        awaitStatus(user, cart, "CHECKED_OUT");
        ApiResponse refused = user.checkout(cart, Ids.newId("chk"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("cart_not_active");
        assertThat(refused.text("/order_id")).isEqualTo(orderId);
    }

    private String cartWithOneItem(Shopper user) {
        String cart = user.cart();
        user.added(cart, upstream.productInStock("5.00", 10), 1);
        return cart;
    }

    private static void awaitStatus(Shopper user, String cart, String status) {
        Awaitility.await("cart " + cart + " " + status).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(user.view(cart).text("/status")));
    }
}
