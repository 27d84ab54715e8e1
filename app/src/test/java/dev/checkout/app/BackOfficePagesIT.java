package dev.checkout.app;

import static dev.checkout.app.Fixtures.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The back office's selling and after-sale pages, driven over HTTP as a browser drives them: every form is one call of
 * the public admin API, so what the page did is checked through that API, and what the API refuses comes back on the
 * page as its problem text.
 */
class BackOfficePagesIT extends EndToEndTest {

    @Test
    void anAdminCreatesAProductSetsItsStockAndSeesItListedWithThatStock() {
        ApiClient office = fixtures.backOfficeSession();
        String sku = "SKU-" + UUID.randomUUID();
        String name = "Lamp " + sku.substring(4, 12);

        ApiResponse created = form(office, "/admin/products", "sku=" + sku + "&name=" + name.replace(' ', '+')
                + "&brand=Glow&category_path=home%2Flights&base_price=24.50&description=A+reading+lamp");
        assertThat(created.status()).as(created.toString()).isEqualTo(302);
        String productPath = created.header("Location").replaceAll("^https?://[^/]+", "");
        String productId = productPath.substring("/admin/products/".length());
        assertThat(api.get("/api/v1/products/" + productId).text("/name")).isEqualTo(name);

        ApiResponse stocked = form(office, productPath + "/stock", "warehouse_id=wh_main&quantity_total=7");
        assertThat(stocked.status()).as(stocked.toString()).isEqualTo(302);
        assertThat(fixtures.admin().get("/api/v1/admin/inventory/" + productId).json().path("quantity_total").asInt()).isEqualTo(7);
        assertThat(office.get(productPath).body()).contains(name, "id=\"stock-total\">7<", "wh_main");
        assertThat(office.get("/admin/products").body()).contains("id=\"" + productId + "\"", name);

        ApiResponse refused = form(office, productPath + "/stock", "warehouse_id=wh_main&quantity_total=-3");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("class=\"problem\"");
        assertThat(fixtures.admin().get("/api/v1/admin/inventory/" + productId).json().path("quantity_total").asInt()).isEqualTo(7);
    }

    @Test
    void anAdminCreatesAndRetiresACouponAndDefinesAFlashSaleThatIsListedWithItsRemainingUnits() {
        ApiClient office = fixtures.backOfficeSession();
        String code = "PAGE" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

        ApiResponse created = form(office, "/admin/coupons", "code=" + code + "&type=PERCENT&value=10&max_redemptions=5");
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        assertThat(office.get("/admin/coupons").body()).contains("id=\"coupon-" + code + "\"", "class=\"retire\"");
        assertThat(form(office, "/admin/coupons/" + code + "/retire", "").status()).isEqualTo(302);
        assertThat(fixtures.admin().get("/api/v1/admin/coupons/" + code).json().path("active").asBoolean()).isFalse();
        ApiResponse duplicate = form(office, "/admin/coupons", "code=" + code + "&type=PERCENT&value=10");
        assertThat(duplicate.status()).isEqualTo(200);
        assertThat(duplicate.body()).contains("class=\"problem\"");

        String product = fixtures.productWithStock("30.00", 20);
        Instant starts = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        ApiResponse defined = form(office, "/admin/flash-sales", "product_id=" + product + "&quantity=5&sale_price=9.99&per_user_limit=1"
                + "&starts_at=" + starts + "&ends_at=" + starts.plus(1, ChronoUnit.HOURS));
        assertThat(defined.status()).as(defined.toString()).isEqualTo(302);
        String flashSaleId = defined.header("Location").replaceAll(".*[?&]id=", "");
        assertThat(api.get("/api/v1/flash-sales/" + flashSaleId).text("/status")).isEqualTo("SCHEDULED");
        assertThat(office.get("/admin/flash-sales").body()).contains("id=\"" + flashSaleId + "\"", "SCHEDULED", "9.99");
    }

    @Test
    void anAdminShipsAndDeliversAnOrderApprovesItsReturnAndSeesTheEmailsSentForIt() {
        ApiClient office = fixtures.backOfficeSession();
        String product = fixtures.productWithStock("15.00", 5);
        ApiClient customer = fixtures.newCustomer();
        String orderId = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/orders", Fixtures.directOrder(product, 1, "tok_visa")).text("/order_id");
        assertThat(Fixtures.awaitSagaCompleted(customer, orderId).text("/status")).isEqualTo("CONFIRMED");

        String shipmentId = Awaitility.await("a shipment for " + orderId).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> fixtures.admin().get("/api/v1/admin/shipments?order_id=" + orderId).json().path("shipments").path(0)
                        .path("shipment_id").asString(null), id -> id != null);
        assertThat(office.get("/admin/shipments?status=PENDING").body()).contains("id=\"" + shipmentId + "\"");
        assertThat(form(office, "/admin/shipments/" + shipmentId + "/ship", "carrier=UPS&tracking_number=1Z999").status()).isEqualTo(302);
        assertThat(form(office, "/admin/shipments/" + shipmentId + "/deliver", "").status()).isEqualTo(302);
        Awaitility.await("order " + orderId + " delivered").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> customer.get("/api/v1/orders/" + orderId).text("/status"), "DELIVERED"::equals);

        String returnId = customer.post("/api/v1/orders/" + orderId + "/return", Map.of("reason", "too bright")).text("/return_id");
        assertThat(office.get("/admin/returns?status=REQUESTED").body()).contains("id=\"" + returnId + "\"", "too bright");
        assertThat(form(office, "/admin/returns/" + returnId + "/approve", "").status()).isEqualTo(302);
        Awaitility.await("return " + returnId + " refunded").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> office.get("/admin/returns?status=REFUNDED").body(), page -> page.contains("id=\"" + returnId + "\""));

        String emails = Awaitility.await("the order's e-mails listed").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> office.get("/admin/notifications?order_id=" + orderId).body(),
                        page -> page.contains(">order_confirmed<") && page.contains(">order_shipped<"));
        assertThat(emails).contains(">order_delivered<");
    }

    @Test
    void anAdminMovesAnOrderOnFromItsPageAndCancelsAnotherWhichRefundsAndRestocks() {
        ApiClient office = fixtures.backOfficeSession();
        String product = fixtures.productWithStock("11.00", 4);
        ApiClient customer = fixtures.newCustomer();
        String moved = placedAndConfirmed(customer, product);
        String cancelled = placedAndConfirmed(customer, product);
        assertThat(office.get("/admin/orders/" + moved).body()).contains("id=\"move-order\"", "id=\"cancel-order\"");

        ApiResponse processing = form(office, "/admin/orders/" + moved + "/status", "status=PROCESSING");
        assertThat(processing.status()).as(processing.body()).isEqualTo(302);
        assertThat(customer.get("/api/v1/orders/" + moved).text("/status")).isEqualTo("PROCESSING");
        ApiResponse backwards = form(office, "/admin/orders/" + moved + "/status", "status=CONFIRMED");
        assertThat(backwards.status()).isEqualTo(200);
        assertThat(backwards.body()).contains("class=\"problem\"");
        assertThat(customer.get("/api/v1/orders/" + moved).text("/status")).isEqualTo("PROCESSING");

        assertThat(form(office, "/admin/orders/" + cancelled + "/cancel", "").status()).isEqualTo(302);
        Awaitility.await("order " + cancelled + " cancelled").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> customer.get("/api/v1/orders/" + cancelled).text("/status"), "CANCELLED"::equals);
        Awaitility.await("its unit back in stock").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> fixtures.admin().get("/api/v1/admin/inventory/" + product).json().path("quantity_available").asInt(), units -> units == 3);
    }

    private static String placedAndConfirmed(ApiClient customer, String product) {
        String orderId = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/orders", Fixtures.directOrder(product, 1, "tok_visa")).text("/order_id");
        assertThat(Fixtures.awaitSagaCompleted(customer, orderId).text("/status")).isEqualTo("CONFIRMED");
        return orderId;
    }

    @Test
    void everyBackOfficePageSendsAVisitorWithoutAnAdminSessionToTheSignInForm() {
        ApiClient customerPages = api.withHeader("Cookie", "checkout_admin=" + "not-a-token");
        for (String page : new String[] {"/admin/products", "/admin/coupons", "/admin/flash-sales", "/admin/returns", "/admin/shipments",
                "/admin/notifications"}) {
            assertThat(api.get(page).header("Location")).as(page).endsWith("/admin/login");
            assertThat(customerPages.get(page).header("Location")).as(page).endsWith("/admin/login");
        }
    }
}
