package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The order service quotes an order without a coupon from its copy of pricing's rules (announced on pricing-events when
 * pricing starts), by the rules' own arithmetic: the totals pricing would give, without a call to pricing.
 */
class PricingRulesCopyIT extends EndToEndTest {

    @Autowired MeterRegistry meters;
    @Autowired JdbcClient jdbc;

    @Test
    void ordersWithoutACouponArePricedByPricingsRulesWithoutAskingPricing() {
        Awaitility.await("pricing's rules copied by the order service").atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select count(*) from orders.pricing_rules").query(Long.class).single() == 1);
        String product = fixtures.productWithStock("40.00", 10);
        ApiClient customer = fixtures.newCustomer();
        long asked = quotesAnswered();

        assertThat(totalsOf(customer, product, 2, "US")).as("8% tax, 4.99 shipping in the US").usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("80.00"), new BigDecimal("6.40"), new BigDecimal("4.99"), new BigDecimal("91.39"));
        assertThat(totalsOf(customer, product, 3, "US")).as("free shipping from 100.00").usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("120.00"), new BigDecimal("9.60"), new BigDecimal("0.00"), new BigDecimal("129.60"));
        assertThat(totalsOf(customer, product, 1, "JP")).as("a country without rules: the defaults").usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("40.00"), new BigDecimal("0.00"), new BigDecimal("14.99"), new BigDecimal("54.99"));

        ApiResponse direct = api.post("/api/v1/pricing/quotes", Map.of("items",
                List.of(Map.of("product_id", product, "quantity", 2, "unit_price", 40)), "shipping_address", Map.of("country", "US")));
        assertThat(direct.json().path("total").decimalValue()).as("pricing's own quote").isEqualByComparingTo("91.39");
        // A request is counted as its answer leaves, so the count is awaited; the three orders' quotes would have been
        // counted before the orders were answered.
        Awaitility.await("pricing's quote counted").atMost(Duration.ofSeconds(5)).until(this::quotesAnswered, answered -> answered > asked);
        assertThat(quotesAnswered()).as("pricing answered this test's own quote only").isEqualTo(asked + 1);
    }

    private List<BigDecimal> totalsOf(ApiClient customer, String product, int quantity, String country) {
        ApiResponse placed = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/orders", Map.of(
                "items", List.of(Map.of("product_id", product, "quantity", quantity)),
                "shipping_address", Map.of("street", "1 Main St", "city", "Springfield", "zip", "62701", "country", country),
                "payment_method", Map.of("type", "card", "card_token", "tok_visa")));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(202);
        var order = customer.get("/api/v1/orders/" + placed.text("/order_id")).json();
        return List.of(order.path("subtotal").decimalValue(), order.path("tax_amount").decimalValue(),
                order.path("shipping_amount").decimalValue(), order.path("total_amount").decimalValue());
    }

    private long quotesAnswered() {
        return meters.find("http.server.requests").tag("uri", "/api/v1/pricing/quotes").timers().stream().mapToLong(Timer::count).sum();
    }
}
