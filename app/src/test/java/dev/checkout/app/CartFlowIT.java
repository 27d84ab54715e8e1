package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Carts with every service in one process: products made by the admin through the catalog and stocked through
 * inventory, shoppers registered and logged in through identity, and the cart following all of them.
 */
class CartFlowIT extends EndToEndTest {

    @Test
    void aGuestsCartFollowsThemIntoTheirAccountWithTheRightItemsAndTotals() {
        // Added the moment they exist: the cart must not wait for the catalog's and inventory's events to reach it.
        String widget = fixtures.productWithStock("19.99", 20);
        String gadget = fixtures.productWithStock("5.25", 20);
        String gizmo = fixtures.productWithStock("100.00", 20);
        String guestCart = api.post("/api/v1/carts", null).text("/cart_id");
        assertThat(addTo(api, guestCart, widget, 2).status()).isEqualTo(201);
        assertThat(addTo(api, guestCart, gadget, 1).status()).isEqualTo(201);
        assertThat(addTo(api, guestCart, gizmo, 9).status()).isEqualTo(201);

        ApiClient customer = fixtures.newCustomer();
        String userCart = customer.post("/api/v1/carts", null).text("/cart_id");
        addTo(customer, userCart, gizmo, 3);
        ApiResponse merged = customer.post("/api/v1/carts/" + guestCart + "/merge", null);

        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(merged.text("/cart_id")).isEqualTo(userCart);
        assertThat(quantities(merged.json())).containsExactlyInAnyOrderEntriesOf(Map.of(widget, 2, gadget, 1, gizmo, 10));
        assertThat(merged.json().path("subtotal").decimalValue()).isEqualByComparingTo("1045.23");
        assertThat(merged.json().path("item_count").asInt()).isEqualTo(13);
        assertThat(merged.json().path("warnings").findValuesAsString("code")).containsExactly("quantity_capped");
        assertThat(api.get("/api/v1/carts/" + guestCart).text("/status")).isEqualTo("MERGED");
        assertThat(customer.get("/api/v1/carts/" + userCart).json().path("subtotal").decimalValue()).isEqualByComparingTo("1045.23");
        assertThat(fixtures.newCustomer().get("/api/v1/carts/" + userCart).status()).isEqualTo(404);
    }

    @Test
    void anAdminsPriceChangeAndAStockOutShowInTheCartAsWarnings() {
        String widget = fixtures.productWithStock("10.00", 5);
        ApiClient customer = fixtures.newCustomer();
        String cart = customer.post("/api/v1/carts", null).text("/cart_id");
        addTo(customer, cart, widget, 1);

        assertThat(fixtures.admin().patch("/api/v1/admin/products/" + widget, Map.of("base_price", new BigDecimal("11.00"))).status())
                .isEqualTo(200);
        assertThat(fixtures.admin().put("/api/v1/admin/inventory/" + widget, Map.of("warehouse_id", "wh_main", "quantity_total", 0))
                .status()).isEqualTo(200);

        ApiResponse warned = Awaitility.await("warnings in cart " + cart).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> customer.get("/api/v1/carts/" + cart),
                        r -> r.json().path("warnings").findValuesAsString("code").containsAll(java.util.List.of("price_changed", "out_of_stock")));
        assertThat(warned.json().at("/items/0/price_at_addition").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(warned.json().at("/items/0/current_price").decimalValue()).isEqualByComparingTo("11.00");
        assertThat(warned.json().path("subtotal").decimalValue()).isEqualByComparingTo("10.00");
    }

    @Test
    void aCartHeldForAnOrderThatWasNeverSavedIsGivenBackAndCanBeCheckedOut() {
        String widget = fixtures.productWithStock("3.00", 5);
        ApiClient customer = fixtures.newCustomer();
        String cartId = Fixtures.cartWith(customer, widget, 1);
        // What the order service does first when placing an order; the request then dies before the order is saved.
        ApiResponse held = customer.post("/api/v1/carts/" + cartId + "/checkout", Map.of("holder_id", "order_" + "0".repeat(32)));
        assertThat(held.status()).as(held.toString()).isEqualTo(200);
        assertThat(customer.get("/api/v1/carts/" + cartId).text("/status")).isEqualTo("CHECKED_OUT");

        Awaitility.await("cart " + cartId + " given back").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> customer.get("/api/v1/carts/" + cartId).text("/status"), "ACTIVE"::equals);
        ApiResponse placed = customer.withHeader("Idempotency-Key", java.util.UUID.randomUUID().toString()).post("/api/v1/orders/checkout",
                Map.of("cart_id", cartId, "shipping_address", Fixtures.address(), "payment_method", Map.of("type", "card", "card_token", "tok_visa")));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(202);
        assertThat(Fixtures.awaitSettled(customer, placed.text("/order_id")).text("/status")).isEqualTo("CONFIRMED");
    }

    @Test
    void aCartHeldByAnOpenCheckoutStaysHeldPastTheCheckDelay() {
        String widget = fixtures.productWithStock("3.00", 5);
        ApiClient customer = fixtures.newCustomer();
        String cartId = Fixtures.cartWith(customer, widget, 1);
        ApiResponse checkout = customer.post("/api/v1/checkouts", Map.of("cart_id", cartId, "shipping_address", Fixtures.address()));
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);

        // The test profile checks carts held longer than 2 s every second: 5 s covers two checks at least.
        Awaitility.await("cart " + cartId + " still held").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> customer.get("/api/v1/carts/" + cartId).text("/status"), "CHECKED_OUT"::equals);
    }

    private static ApiResponse addTo(ApiClient client, String cartId, String productId, int quantity) {
        return client.post("/api/v1/carts/" + cartId + "/items", Map.of("product_id", productId, "quantity", quantity));
    }

    private static Map<String, Integer> quantities(JsonNode cart) {
        Map<String, Integer> quantities = new java.util.HashMap<>();
        cart.path("items").forEach(item -> quantities.put(item.path("product_id").asString(), item.path("quantity").asInt()));
        return quantities;
    }
}
