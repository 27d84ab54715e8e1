package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;

/** One-line builders of what end-to-end tests need: users, products with stock, orders placed and awaited. */
final class Fixtures {

    static final String ADMIN_EMAIL = "admin-e2e@localhost";
    static final String ADMIN_PASSWORD = "end-to-end-admin-password";

    private final ApiClient api;

    Fixtures(ApiClient api) {
        this.api = api;
    }

    ApiClient admin() {
        ApiResponse login = api.post("/api/v1/auth/login", Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return api.withToken(login.text("/access_token"));
    }

    /** A browser-like client of the back office's pages: signed in through its form, holding the session cookie. */
    ApiClient backOfficeSession() {
        String credentials = "email=" + java.net.URLEncoder.encode(ADMIN_EMAIL, java.nio.charset.StandardCharsets.UTF_8)
                + "&password=" + java.net.URLEncoder.encode(ADMIN_PASSWORD, java.nio.charset.StandardCharsets.UTF_8);
        ApiResponse signedIn = form(api, "/admin/login", credentials);
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(302);
        String cookie = signedIn.header("Set-Cookie");
        return api.withHeader("Cookie", cookie.substring(0, cookie.indexOf(';')));
    }

    /** A form posted as a browser posts it. */
    static ApiResponse form(ApiClient client, String path, String body) {
        return client.withHeader("Content-Type", "application/x-www-form-urlencoded").send("POST", path, body);
    }

    ApiClient newCustomer() {
        String email = "customer-" + UUID.randomUUID() + "@example.com";
        assertThat(api.post("/api/v1/auth/register", Map.of("email", email, "password", "a good password")).status()).isEqualTo(201);
        return api.withToken(api.post("/api/v1/auth/login", Map.of("email", email, "password", "a good password")).text("/access_token"));
    }

    /** A new product at {@code price} with {@code units} in stock in the main warehouse; returns its id. */
    String productWithStock(String price, int units) {
        return productWithStock("Widget", price, units);
    }

    /** A new product of this name at {@code price} with {@code units} in stock in the main warehouse; returns its id. */
    String productWithStock(String name, String price, int units) {
        ApiClient admin = admin();
        ApiResponse created = admin.post("/api/v1/admin/products", Map.of(
                "sku", "SKU-" + UUID.randomUUID(), "name", name, "brand", "Acme", "category_path", "tools/widgets",
                "base_price", new java.math.BigDecimal(price)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String productId = created.text("/product_id");
        ApiResponse stocked = admin.put("/api/v1/admin/inventory/" + productId, Map.of("warehouse_id", "wh_main", "quantity_total", units));
        assertThat(stocked.status()).as(stocked.toString()).isEqualTo(200);
        return productId;
    }

    /** The customer's active cart with these units of the product in it; returns the cart's id. */
    static String cartWith(ApiClient customer, String productId, int quantity) {
        ApiResponse cart = customer.post("/api/v1/carts", null);
        assertThat(cart.status()).as(cart.toString()).isIn(200, 201);
        String cartId = cart.text("/cart_id");
        ApiResponse added = customer.post("/api/v1/carts/" + cartId + "/items", Map.of("product_id", productId, "quantity", quantity));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return cartId;
    }

    static Map<String, Object> address() {
        return Map.of("street", "1 Main St", "city", "Springfield", "zip", "62701", "country", "US");
    }

    static Map<String, Object> card(String cardToken) {
        return Map.of("payment_method", Map.of("type", "card", "card_token", cardToken));
    }

    int reserved(String productId) {
        return admin().get("/api/v1/admin/inventory/" + productId).json().path("quantity_reserved").asInt();
    }

    static Map<String, Object> directOrder(String productId, int quantity, String cardToken) {
        return Map.of(
                "items", List.of(Map.of("product_id", productId, "quantity", quantity)),
                "shipping_address", Map.of("street", "1 Main St", "city", "Springfield", "zip", "62701", "country", "US"),
                "payment_method", Map.of("type", "card", "card_token", cardToken));
    }

    /** Waits until the order leaves PENDING and returns it. */
    static ApiResponse awaitSettled(ApiClient customer, String orderId) {
        return Awaitility.await("order " + orderId + " settled").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> customer.get("/api/v1/orders/" + orderId), r -> r.status() == 200 && !"PENDING".equals(r.text("/status")));
    }

    /** Waits until every step of the order's checkout saga has completed and returns the order. */
    static ApiResponse awaitSagaCompleted(ApiClient customer, String orderId) {
        return Awaitility.await("saga of " + orderId + " completed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> customer.get("/api/v1/orders/" + orderId),
                        r -> {
                            // Not an empty list: allMatch holds for none, and a view read before the saga's steps were written has none.
                            List<String> steps = r.json().path("saga_steps").findValuesAsString("status");
                            return !steps.isEmpty() && steps.stream().allMatch("COMPLETED"::equals);
                        });
    }

    int available(String productId) {
        return admin().get("/api/v1/admin/inventory/" + productId).json().path("quantity_available").asInt();
    }
}
