package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The web pages, rendered from the public API: the storefront lists and finds products and shows a product page; the
 * back office asks for a sign-in, then shows the orders and an order's saga steps.
 */
class WebPagesIT extends EndToEndTest {

    @Test
    void theStorefrontListsTheNewestProductsFindsOneBySearchAndShowsItsPage() {
        String name = "Lantern " + UUID.randomUUID().toString().substring(0, 8);
        String productId = fixtures.admin().post("/api/v1/admin/products", Map.of("sku", "SKU-" + UUID.randomUUID(), "name", name,
                "brand", "Glow", "category_path", "outdoor/lights", "base_price", new java.math.BigDecimal("12.50"))).text("/product_id");

        ApiResponse home = api.get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.header("Content-Type")).startsWith("text/html");
        assertThat(home.body()).contains(name);

        ApiResponse found = Awaitility.await("search finds " + name).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8)), page -> page.body().contains(name));
        assertThat(found.status()).isEqualTo(200);

        ApiResponse page = api.get("/products/" + productId);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(name, "12.50");
        assertThat(api.get("/products/prod_" + "0".repeat(32)).body()).contains("class=\"problem\"");
    }

    @Test
    void theBackOfficeAsksForASignInThenShowsOrdersAndASagasSteps() {
        String product = fixtures.productWithStock("4.00", 5);
        ApiClient customer = fixtures.newCustomer();
        String orderId = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/orders", Fixtures.directOrder(product, 1, "tok_visa")).text("/order_id");
        String orderNumber = Fixtures.awaitSagaCompleted(customer, orderId).text("/order_number");

        ApiResponse unsigned = api.get("/admin");
        assertThat(unsigned.status()).isEqualTo(302);
        assertThat(unsigned.header("Location")).endsWith("/admin/login");
        assertThat(api.get("/admin/login").body()).contains("id=\"sign-in\"", "type=\"password\"");

        ApiResponse refused = signIn(Fixtures.ADMIN_EMAIL, "not the password");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("class=\"problem\"", "id=\"sign-in\"");
        assertThat(refused.header("Set-Cookie")).isNull();

        ApiResponse signedIn = signIn(Fixtures.ADMIN_EMAIL, Fixtures.ADMIN_PASSWORD);
        assertThat(signedIn.status()).isEqualTo(302);
        String cookie = signedIn.header("Set-Cookie");
        assertThat(cookie).startsWith("checkout_admin=").contains("HttpOnly", "SameSite=Strict");
        ApiClient session = api.withHeader("Cookie", cookie.substring(0, cookie.indexOf(';')));

        ApiResponse home = session.get("/admin");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains(orderNumber);
        ApiResponse order = session.get("/admin/orders/" + orderId);
        assertThat(order.body()).contains(orderNumber, "reserve_stock", "charge_payment", "confirm_order");
    }

    private ApiResponse signIn(String email, String password) {
        String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return api.withHeader("Content-Type", "application/x-www-form-urlencoded").send("POST", "/admin/login", form);
    }
}
