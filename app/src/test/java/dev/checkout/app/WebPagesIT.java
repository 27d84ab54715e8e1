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
 * The web pages, rendered from the public API: the storefront lists and finds products (suggesting completions),
 * shows a product page and an order's delivery, takes a delivered order back and runs a flash sale's waiting room; the
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

    @Test
    void aSearchPageOffersTheQueryWithItsLastWordCompleted() {
        String stem = "q" + java.util.concurrent.ThreadLocalRandom.current().ints(6, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        fixtures.productWithStock("Ceramic " + stem + "ware Bowl", "9.00", 3);

        ApiResponse page = Awaitility.await("the results page suggests " + stem + "ware").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/?q=red+" + stem), p -> p.body().contains("<option value=\"red " + stem + "ware\">"));
        assertThat(page.body()).contains("<datalist id=\"suggestions\">", "/assets/suggest.js");
        assertThat(api.get("/assets/suggest.js").body()).contains("/api/v1/search/suggest");
    }

    @Test
    void aCustomerFollowsTheDeliveryAndSendsADeliveredOrderBackFromTheOrderPage() {
        String product = fixtures.productWithStock("8.00", 5);
        ApiClient customer = fixtures.newCustomer();
        ApiClient pages = api.withHeader("Cookie", sessionCookieOf(customer));
        String orderId = placeOrder(customer, product, 1, "tok_visa");
        Fixtures.awaitSagaCompleted(customer, orderId);

        ApiResponse tooEarly = form(pages, "/orders/" + orderId + "/return", "reason=Too+small");
        assertThat(tooEarly.status()).isEqualTo(200);
        assertThat(tooEarly.body()).contains("id=\"return-problem\"").doesNotContain("id=\"return\"");

        ApiClient admin = fixtures.admin();
        String tracking = "TRACK-" + orderId.substring(6, 14);
        for (Map<String, Object> step : java.util.List.<Map<String, Object>>of(Map.of("status", "PROCESSING"),
                Map.of("status", "SHIPPED", "tracking_number", tracking), Map.of("status", "DELIVERED"))) {
            assertThat(admin.post("/api/v1/admin/orders/" + orderId + "/status", step).status()).isEqualTo(200);
        }
        // The shipment follows the order's status through fulfillment's events.
        ApiResponse delivered = Awaitility.await("the order page shows the shipment delivered").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300)).until(() -> pages.get("/orders/" + orderId),
                        page -> page.body().contains("class=\"shipment\" data-status=\"DELIVERED\""));
        assertThat(delivered.body()).contains("id=\"return\"");

        ApiResponse sentBack = form(pages, "/orders/" + orderId + "/return", "reason=Too+small");
        assertThat(sentBack.status()).as(sentBack.toString()).isEqualTo(302);
        assertThat(sentBack.header("Location")).endsWith("/orders/" + orderId);
        ApiResponse after = pages.get("/orders/" + orderId);
        assertThat(after.body()).contains("class=\"return-status\">REQUESTED<").doesNotContain("id=\"return\"");
        assertThat(customer.get("/api/v1/orders/" + orderId).json().path("returns").size()).isEqualTo(1);
    }

    @Test
    void aCustomerQueuesForAFlashSaleIsAdmittedAndBuysFromTheWaitingRoom() {
        String product = fixtures.productWithStock("40.00", 5);
        java.time.Instant start = java.time.Instant.now();
        ApiResponse created = fixtures.admin().post("/api/v1/admin/flash-sales", Map.of("product_id", product, "quantity", 2,
                "sale_price", new java.math.BigDecimal("19.99"), "starts_at", start.toString(),
                "ends_at", start.plusSeconds(600).toString(), "per_user_limit", 1));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String sale = created.text("/flash_sale_id");
        ApiClient customer = fixtures.newCustomer();
        ApiClient pages = api.withHeader("Cookie", sessionCookieOf(customer));

        ApiResponse salePage = api.get("/flash-sales/" + sale);
        assertThat(salePage.body()).contains("id=\"flash-sale\"", "19.99", "id=\"join\"");
        assertThat(form(api, "/flash-sales/" + sale + "/queue", "quantity=1").header("Location")).contains("/login?next=/flash-sales/" + sale);

        ApiResponse joined = form(pages, "/flash-sales/" + sale + "/queue", "quantity=1");
        assertThat(joined.status()).as(joined.toString()).isEqualTo(302);
        String ticketPath = joined.header("Location").replaceAll("^https?://[^/]+", "");
        assertThat(ticketPath).startsWith("/flash-sales/" + sale + "/queue/");
        ApiResponse admitted = Awaitility.await("the ticket's page admits the customer").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300)).until(() -> pages.get(ticketPath), page -> page.body().contains("id=\"buy\""));
        assertThat(admitted.body()).contains(">ADMITTED<", "id=\"expires-at\"", "/assets/countdown.js");
        String purchaseToken = admitted.body().replaceAll("(?s).*name=\"purchaseToken\" value=\"([^\"]+)\".*", "$1");
        String key = admitted.body().replaceAll("(?s).*name=\"idempotencyKey\" value=\"([^\"]+)\".*", "$1");

        ApiResponse bought = form(pages, "/flash-sales/" + sale + "/orders", "ticketId=" + ticketPath.substring(ticketPath.lastIndexOf('/') + 1)
                + "&purchaseToken=" + URLEncoder.encode(purchaseToken, StandardCharsets.UTF_8) + "&idempotencyKey=" + key
                + "&street=1+Main+St&city=Springfield&zip=62701&country=US&cardToken=tok_visa");
        assertThat(bought.status()).as(bought.toString()).isEqualTo(302);
        String orderPath = bought.header("Location").replaceAll("^https?://[^/]+", "");
        Awaitility.await("the flash-sale order confirms").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> pages.get(orderPath), page -> page.body().contains(">CONFIRMED<"));
        assertThat(pages.get(ticketPath).body()).contains(">USED<").doesNotContain("id=\"buy\"");
    }

    /** The storefront's session cookie: the customer's access token, as signing in on the pages sets it. */
    private static String sessionCookieOf(ApiClient customer) {
        return "checkout_session=" + customer.headers().get("Authorization").substring("Bearer ".length());
    }

    private static ApiResponse form(ApiClient client, String path, String body) {
        return client.withHeader("Content-Type", "application/x-www-form-urlencoded").send("POST", path, body);
    }

    private ApiResponse signIn(String email, String password) {
        String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return api.withHeader("Content-Type", "application/x-www-form-urlencoded").send("POST", "/admin/login", form);
    }
}
