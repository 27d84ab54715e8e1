package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sale prices with windows: the price in force when the checkout is opened is the one quoted, and the quote holds
 * until the checkout's {@code expires_at}, whatever happens to the product's price meanwhile.
 */
class SalePriceIT extends EndToEndTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSalePriceIsQuotedInsideItsWindowAndTheBasePriceBeforeAndAfterIt() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String running = productOnSale(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)));
        String upcoming = productOnSale(now.plus(Duration.ofHours(1)), null);
        String over = productOnSale(null, now.minus(Duration.ofMinutes(1)));

        ApiResponse product = api.get("/api/v1/products/" + upcoming);
        assertThat(product.json().path("sale_price").decimalValue()).isEqualByComparingTo("15.00");
        assertThat(Instant.parse(product.text("/sale_starts_at"))).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(product.json().path("unit_price").decimalValue()).isEqualByComparingTo("20.00");

        assertThat(quotedUnitPrice(running)).isEqualByComparingTo("15.00");
        assertThat(quotedUnitPrice(upcoming)).isEqualByComparingTo("20.00");
        assertThat(quotedUnitPrice(over)).isEqualByComparingTo("20.00");
    }

    @Test
    void aWindowMayNotEndBeforeItStarts() {
        Instant now = Instant.now();
        ApiResponse refused = fixtures.admin().post("/api/v1/admin/products", product(now.plusSeconds(60), now));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("validation_failed");
        assertThat(refused.text("/errors/0/field")).isEqualTo("sale_ends_at");
    }

    @Test
    void theQuotedSalePriceIsChargedWhenTheSaleEndsBetweenTheQuoteAndThePayment() {
        String product = productOnSale(null, null);
        ApiClient customer = fixtures.newCustomer();
        String cartId = Fixtures.cartWith(customer, product, 2);
        // The sale ends ten seconds from now: long enough to open the checkout inside the window on a busy machine.
        ApiResponse ending = fixtures.admin().patch("/api/v1/admin/products/" + product,
                Map.of("sale_ends_at", Instant.now().plusSeconds(10).toString()));
        assertThat(ending.status()).as(ending.toString()).isEqualTo(200);
        ApiResponse checkout = open(customer, cartId);
        assertThat(checkout.json().at("/items/0/unit_price").decimalValue()).isEqualByComparingTo("15.00");

        // The window closes with no event at all: the catalog shows the base price once it has passed, and so does a
        // new quote once the order service's copy has the window (the catalog's event, within moments).
        Awaitility.await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/api/v1/products/" + product).json().path("unit_price").decimalValue(),
                        p -> p.compareTo(new BigDecimal("20.00")) == 0);
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1))
                .until(() -> quotedUnitPrice(product), p -> p.compareTo(new BigDecimal("20.00")) == 0);

        ApiResponse order = payAndSettle(customer, checkout);
        assertThat(order.json().at("/items/0/unit_price").decimalValue()).isEqualByComparingTo("15.00");
        assertThat(order.json().path("subtotal").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(chargesOf(order.text("/order_id"))).singleElement().satisfies(charge -> assertThat(charge.amount())
                .isEqualTo(order.json().path("total_amount").decimalValue().movePointRight(2).longValueExact()));
    }

    @Test
    void aPriceChangeAfterTheQuoteChangesNothingUntilTheCheckoutExpires() {
        String product = productOnSale(null, null);
        ApiClient payer = fixtures.newCustomer();
        ApiResponse paying = open(payer, Fixtures.cartWith(payer, product, 1));
        ApiClient waiter = fixtures.newCustomer();
        String waitingCart = Fixtures.cartWith(waiter, product, 1);
        ApiResponse waiting = open(waiter, waitingCart);
        assertThat(paying.json().path("subtotal").decimalValue()).isEqualByComparingTo("15.00");
        assertThat(waiting.json().path("subtotal").decimalValue()).isEqualByComparingTo("15.00");

        Map<String, Object> dearer = new HashMap<>();
        dearer.put("sale_price", null);
        dearer.put("base_price", new BigDecimal("25.00"));
        assertThat(fixtures.admin().patch("/api/v1/admin/products/" + product, dearer).status()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> waiter.get("/api/v1/carts/" + waitingCart).json().at("/items/0/current_price").decimalValue(),
                        p -> p != null && p.compareTo(new BigDecimal("25.00")) == 0);

        ApiResponse order = payAndSettle(payer, paying);
        assertThat(order.json().path("subtotal").decimalValue()).isEqualByComparingTo("15.00");
        assertThat(chargesOf(order.text("/order_id"))).singleElement().satisfies(charge -> assertThat(charge.amount())
                .isEqualTo(order.json().path("total_amount").decimalValue().movePointRight(2).longValueExact()));
        ApiResponse again = open(waiter, waitingCart);
        assertThat(again.status()).as("the open checkout, not a new quote").isEqualTo(200);
        assertThat(again.json().path("subtotal").decimalValue()).isEqualByComparingTo("15.00");

        // Past expires_at (moved there as the clock would) the lock is gone: the cart's next quote is at 25.00.
        jdbc.sql("update orders.checkouts set expires_at = now() - interval '1 second' where checkout_id = ?")
                .param(waiting.text("/checkout_id")).update();
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> waiter.get("/api/v1/carts/" + waitingCart).text("/status"), "ACTIVE"::equals);
        ApiResponse requoted = open(waiter, waitingCart);
        assertThat(requoted.status()).isEqualTo(201);
        assertThat(requoted.json().path("subtotal").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(requoted.json().path("price_changes")).singleElement().satisfies(change -> {
            assertThat(change.path("price_at_addition").decimalValue()).isEqualByComparingTo("15.00");
            assertThat(change.path("current_price").decimalValue()).isEqualByComparingTo("25.00");
        });
    }

    /** A product at 20.00, on sale at 15.00 inside the window given (null ends: open), with stock. */
    private String productOnSale(Instant startsAt, Instant endsAt) {
        ApiResponse created = fixtures.admin().post("/api/v1/admin/products", product(startsAt, endsAt));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String productId = created.text("/product_id");
        ApiResponse stocked = fixtures.admin().put("/api/v1/admin/inventory/" + productId, Map.of("warehouse_id", "wh_main", "quantity_total", 20));
        assertThat(stocked.status()).as(stocked.toString()).isEqualTo(200);
        return productId;
    }

    private static Map<String, Object> product(Instant startsAt, Instant endsAt) {
        Map<String, Object> product = new HashMap<>(Map.of("sku", "SKU-" + UUID.randomUUID(), "name", "Sale widget", "brand", "Acme",
                "category_path", "tools/widgets", "base_price", new BigDecimal("20.00"), "sale_price", new BigDecimal("15.00")));
        if (startsAt != null) {
            product.put("sale_starts_at", startsAt.toString());
        }
        if (endsAt != null) {
            product.put("sale_ends_at", endsAt.toString());
        }
        return product;
    }

    /** What a new customer's checkout of one unit quotes for the product now; the checkout is left to expire. */
    private BigDecimal quotedUnitPrice(String productId) {
        ApiClient customer = fixtures.newCustomer();
        ApiResponse checkout = open(customer, Fixtures.cartWith(customer, productId, 1));
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);
        return checkout.json().at("/items/0/unit_price").decimalValue();
    }

    private static ApiResponse open(ApiClient customer, String cartId) {
        ApiResponse checkout = customer.post("/api/v1/checkouts", Map.of("cart_id", cartId, "shipping_address", Fixtures.address()));
        assertThat(checkout.status()).as(checkout.toString()).isIn(200, 201);
        return checkout;
    }

    private static ApiResponse payAndSettle(ApiClient customer, ApiResponse checkout) {
        ApiResponse paid = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/checkouts/" + checkout.text("/checkout_id") + "/pay", Fixtures.card("tok_visa"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(202);
        ApiResponse order = Fixtures.awaitSettled(customer, paid.text("/order_id"));
        assertThat(order.text("/status")).isEqualTo("CONFIRMED");
        return order;
    }
}
