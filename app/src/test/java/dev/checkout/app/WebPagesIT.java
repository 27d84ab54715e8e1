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

    @Test
    void aCustomerRegistersFillsTheCartChecksOutPaysAndWatchesTheOrderConfirm() {
        String product = fixtures.productWithStock("6.00", 5);
        String email = "shopper-" + UUID.randomUUID() + "@example.com";

        ApiResponse registered = form(api, "/register", "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=correct-horse-battery&next=%2Fproducts%2F" + product);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(302);
        assertThat(registered.header("Location")).endsWith("/products/" + product);
        String cookie = registered.header("Set-Cookie");
        assertThat(cookie).startsWith("checkout_session=").contains("HttpOnly");
        ApiClient shopper = api.withHeader("Cookie", cookie.substring(0, cookie.indexOf(';')));

        assertThat(form(shopper, "/cart/items", "productId=" + product + "&quantity=2").header("Location")).endsWith("/cart");
        ApiResponse cart = shopper.get("/cart");
        assertThat(cart.body()).contains("id=\"cart-items\"", "12.00");
        String cartId = cart.body().replaceAll("(?s).*name=\"cartId\" value=\"([^\"]+)\".*", "$1");

        ApiResponse opened = form(shopper, "/checkout", "cartId=" + cartId + "&street=1+Main+St&city=Springfield&zip=62701&country=US");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(302);
        String checkoutPath = opened.header("Location").replaceAll("^https?://[^/]+", "");
        ApiResponse checkout = shopper.get(checkoutPath);
        assertThat(checkout.body()).contains("id=\"expires-at\"", "id=\"pay\"", "/assets/countdown.js");
        String key = checkout.body().replaceAll("(?s).*name=\"idempotencyKey\" value=\"([^\"]+)\".*", "$1");

        ApiResponse paid = form(shopper, checkoutPath + "/pay", "cardToken=tok_visa&idempotencyKey=" + key);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(302);
        String orderPath = paid.header("Location").replaceAll("^https?://[^/]+", "");
        ApiResponse confirmed = Awaitility.await("order page shows CONFIRMED").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> shopper.get(orderPath), page -> page.body().contains(">CONFIRMED<"));
        assertThat(confirmed.body()).contains("reserve_stock", "charge_payment");
        assertThat(shopper.get("/api/v1/orders").status()).isEqualTo(401); // the page cookie is no API credential
    }

    private static ApiResponse form(ApiClient client, String path, String body) {
        return client.withHeader("Content-Type", "application/x-www-form-urlencoded").send("POST", path, body);
    }

    private ApiResponse signIn(String email, String password) {
        String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return api.withHeader("Content-Type", "application/x-www-form-urlencoded").send("POST", "/admin/login", form);
    }
}
