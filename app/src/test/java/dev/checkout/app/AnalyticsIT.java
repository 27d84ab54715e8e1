package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard counts the orders made through the public API, from the events alone: within 5 s of the orders
 * settling, created, confirmed, failed by reason, revenue and the best seller match them.
 */
class AnalyticsIT extends EndToEndTest {

    @Test
    void theDashboardMatchesTheOrdersMadeWithinFiveSeconds() {
        Instant since = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String product = fixtures.productWithStock("20.00", 20);
        ApiClient customer = fixtures.newCustomer();
        List<String> orders = new ArrayList<>();
        for (String token : List.of("tok_visa", "tok_visa", "tok_mastercard", "tok_chargeDeclined", "tok_insufficient_funds")) {
            orders.add(placeOrder(customer, product, 2, token));
        }
        BigDecimal revenue = BigDecimal.ZERO;
        int confirmed = 0;
        for (String orderId : orders) {
            ApiResponse order = Fixtures.awaitSettled(customer, orderId);
            if (order.text("/status").equals("CONFIRMED")) {
                confirmed++;
                revenue = revenue.add(new BigDecimal(order.text("/total_amount")));
            }
        }
        assertThat(confirmed).as("the three cards that pay").isEqualTo(3);
        ApiClient admin = fixtures.admin();
        BigDecimal expectedRevenue = revenue;

        JsonNode dashboard = Awaitility.await("the dashboard counts the orders").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> admin.get("/api/v1/analytics/dashboard?since=" + since).json(),
                        figures -> figures.path("orders").path("created").asLong() == 5 && figures.path("orders").path("confirmed").asLong() == 3
                                && figures.path("orders").path("failed").asLong() == 2);

        assertThat(dashboard.path("orders").path("cancelled").asLong()).isZero();
        assertThat(dashboard.path("revenue").decimalValue()).isEqualByComparingTo(expectedRevenue);
        assertThat(dashboard.path("currency").asString()).isEqualTo("USD");
        assertThat(dashboard.path("payment_success_rate").decimalValue()).isEqualByComparingTo("0.6");
        assertThat(dashboard.path("failure_reasons").toString()).contains("{\"reason\":\"payment_declined\",\"count\":1}")
                .contains("{\"reason\":\"insufficient_funds\",\"count\":1}");
        assertThat(dashboard.path("top_products").get(0).path("product_id").asString()).isEqualTo(product);
        assertThat(dashboard.path("top_products").get(0).path("name").asString()).isEqualTo("Widget");
        assertThat(dashboard.path("top_products").get(0).path("units").asLong()).isEqualTo(6);
        assertThat(dashboard.path("top_products").get(0).path("revenue").decimalValue()).isEqualByComparingTo("120.00");
        assertThat(dashboard.path("conversion").path("checkouts").asLong()).isEqualTo(5);
        assertThat(dashboard.path("conversion").path("paid").asLong()).isEqualTo(3);
        JsonNode latency = dashboard.path("checkout_latency_ms");
        assertThat(latency.path("p50").asLong()).isPositive().isLessThanOrEqualTo(latency.path("p95").asLong());
        assertThat(latency.path("p95").asLong()).isLessThanOrEqualTo(latency.path("p99").asLong());
        assertThat(dashboard.path("since").asString()).isEqualTo(since.toString());
    }

    @Test
    void theOrdersSeriesCountsEachHoursOrdersWithEmptyHoursAsZero() {
        String product = fixtures.productWithStock("5.00", 5);
        ApiClient customer = fixtures.newCustomer();
        String orderId = placeOrder(customer, product, 1, "tok_visa");
        Fixtures.awaitSettled(customer, orderId);
        // The order's own hour, not the last of the series: in an hour's last minute 'to' is in the next one.
        String ordersHour = Instant.parse(customer.get("/api/v1/orders/" + orderId).text("/created_at"))
                .truncatedTo(ChronoUnit.HOURS).toString();
        Instant to = Instant.now().plus(Duration.ofMinutes(1));
        ApiClient admin = fixtures.admin();

        JsonNode series = Awaitility.await("the series counts the order").atMost(Duration.ofSeconds(5))
                .until(() -> admin.get("/api/v1/analytics/metrics?metric=orders&interval=hour&from=" + to.minus(Duration.ofHours(5)) + "&to=" + to).json(),
                        body -> body.path("series").valueStream()
                                .anyMatch(point -> point.path("at").asString().equals(ordersHour) && point.path("value").asLong() >= 1));

        assertThat(series.path("series").size()).as("from the hour of 'from' to the hour of 'to'").isEqualTo(6);
        assertThat(series.path("series").get(0).path("at").asString()).endsWith(":00:00Z");
    }

    @Test
    void badRangesAndUnknownMetricsAreRefusedWithValidationFailed() {
        ApiClient admin = fixtures.admin();
        for (String query : List.of("metric=visits", "interval=minute", "from=yesterday", "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
                "interval=hour&from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                "to=%2B1000000000-01-01T00:00:00Z", "from=1969-12-31T23:59:59Z")) {
            ApiResponse refused = admin.get("/api/v1/analytics/metrics?" + query);
            assertThat(refused.status()).as(query + ": " + refused).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation_failed");
        }
        assertThat(admin.get("/api/v1/analytics/dashboard?since=noon").code()).isEqualTo("validation_failed");
    }

    @Test
    void aPeriodWithoutPaymentsHasNoSuccessRateRatherThanAnError() {
        String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

        ApiResponse empty = fixtures.admin().get("/api/v1/analytics/dashboard?since=" + tomorrow);

        assertThat(empty.status()).as(empty.toString()).isEqualTo(200);
        assertThat(empty.json().path("payment_success_rate").isNull()).isTrue();
        assertThat(empty.json().path("orders").path("created").asLong()).isZero();
    }

    @Test
    void onlyAdminsSeeTheFigures() {
        assertThat(api.get("/api/v1/analytics/dashboard").status()).isEqualTo(401);
        assertThat(fixtures.newCustomer().get("/api/v1/analytics/dashboard").status()).isEqualTo(403);
    }
}
