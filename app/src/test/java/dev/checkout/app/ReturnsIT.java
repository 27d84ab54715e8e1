package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.checkout.gateway.SimulatorClient;
import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Returns of a delivered order through the public API: one line comes back and refunds exactly its paid share in the
 * gateway's ledger with its units back in stock; the other line's return moves the order to RETURNED and REFUNDED; no
 * line comes back twice.
 */
class ReturnsIT extends EndToEndTest {

    @Test
    void returningEachLineRefundsItsShareRestocksItAndTheLastReturnRefundsTheOrder() {
        String widget = fixtures.productWithStock("10.00", 10);
        String gadget = fixtures.productWithStock("20.00", 10);
        ApiClient customer = fixtures.newCustomer();
        ApiClient admin = fixtures.admin();
        String orderId = deliveredOrder(customer, admin, widget, gadget);
        JsonNode order = customer.get("/api/v1/orders/" + orderId).json();

        ApiResponse first = customer.post("/api/v1/orders/" + orderId + "/return",
                Map.of("reason", "too big", "items", List.of(Map.of("product_id", widget, "quantity", 2))));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.text("/status")).isEqualTo("REQUESTED");
        BigDecimal expected = share(order, new BigDecimal("20.00"));
        assertThat(first.json().path("refund_amount").decimalValue()).isEqualByComparingTo(expected);
        String firstId = first.text("/return_id");

        ApiResponse approved = admin.post("/api/v1/admin/returns/" + firstId + "/approve", null);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        Awaitility.await("return " + firstId + " refunded").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> customer.get("/api/v1/orders/" + orderId).json().at("/returns/0/status").asString(), "REFUNDED"::equals);
        SimulatorClient.LedgerCharge charge = SIMULATOR.ledger().chargesWithKey(orderId + ":charge").getFirst();
        assertThat(SIMULATOR.ledger().refundsOf(charge.id())).singleElement()
                .satisfies(refund -> assertThat(refund.amount()).isEqualTo(expected.movePointRight(2).longValueExact()));
        Awaitility.await("widgets back in stock").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> fixtures.available(widget), available -> available == 10);
        JsonNode afterFirst = customer.get("/api/v1/orders/" + orderId).json();
        assertThat(afterFirst.path("status").asString()).isEqualTo("DELIVERED");
        assertThat(afterFirst.path("refunded_amount").decimalValue()).isEqualByComparingTo(expected);

        ApiResponse again = customer.post("/api/v1/orders/" + orderId + "/return",
                Map.of("items", List.of(Map.of("product_id", widget, "quantity", 1))));
        assertThat(again.status()).as(again.toString()).isEqualTo(422);
        assertThat(again.code()).isEqualTo("return_quantity_exceeded");

        ApiResponse rest = customer.post("/api/v1/orders/" + orderId + "/return", Map.of("reason", "not needed"));
        assertThat(rest.status()).as(rest.toString()).isEqualTo(201);
        assertThat(rest.json().path("items")).singleElement().satisfies(item -> assertThat(item.path("product_id").asString()).isEqualTo(gadget));
        assertThat(admin.post("/api/v1/admin/returns/" + rest.text("/return_id") + "/approve", null).status()).isEqualTo(200);

        JsonNode refunded = Awaitility.await("order " + orderId + " refunded").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> customer.get("/api/v1/orders/" + orderId).json(), view -> "REFUNDED".equals(view.path("status").asString()));
        assertThat(refunded.path("refunded_amount").decimalValue()).isEqualByComparingTo(order.path("total_amount").decimalValue());
        assertThat(refunded.path("status_history").findValuesAsString("to")).containsSubsequence("DELIVERED", "RETURNED", "REFUNDED");
        assertThat(SIMULATOR.ledger().netAmountOf(charge)).isZero();
        assertThat(customer.post("/api/v1/orders/" + orderId + "/return", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void anOrderNotDeliveredCannotBeReturnedAndAnotherCustomersOrderIsNotFound() {
        String widget = fixtures.productWithStock("10.00", 5);
        ApiClient customer = fixtures.newCustomer();
        ApiResponse placed = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/orders", Fixtures.directOrder(widget, 1, "tok_visa"));
        String orderId = placed.text("/order_id");
        assertThat(Fixtures.awaitSettled(customer, orderId).text("/status")).isEqualTo("CONFIRMED");

        ApiResponse early = customer.post("/api/v1/orders/" + orderId + "/return", Map.of());
        assertThat(early.status()).as(early.toString()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("invalid_transition");
        assertThat(fixtures.newCustomer().post("/api/v1/orders/" + orderId + "/return", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void aRejectedReturnRefundsNothingAndItsUnitsMayBeAskedForAgain() {
        String widget = fixtures.productWithStock("10.00", 5);
        ApiClient customer = fixtures.newCustomer();
        ApiClient admin = fixtures.admin();
        String orderId = deliveredOrder(customer, admin, widget, fixtures.productWithStock("5.00", 5));
        String returnId = customer.post("/api/v1/orders/" + orderId + "/return",
                Map.of("items", List.of(Map.of("product_id", widget, "quantity", 1)))).text("/return_id");

        ApiResponse rejected = admin.post("/api/v1/admin/returns/" + returnId + "/reject", Map.of("reason", "worn"));

        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.text("/status")).isEqualTo("REJECTED");
        assertThat(admin.post("/api/v1/admin/returns/" + returnId + "/approve", null).code()).isEqualTo("invalid_transition");
        assertThat(admin.get("/api/v1/admin/returns?status=REJECTED&limit=100").json().path("returns").findValuesAsString("return_id"))
                .contains(returnId);
        assertThat(customer.post("/api/v1/orders/" + orderId + "/return", Map.of("items", List.of(Map.of("product_id", widget, "quantity", 1))))
                .status()).isEqualTo(201);
    }

    /** Two widgets and one gadget, confirmed, shipped and delivered. */
    private static String deliveredOrder(ApiClient customer, ApiClient admin, String widget, String gadget) {
        ApiResponse placed = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/orders", Map.of(
                "items", List.of(Map.of("product_id", widget, "quantity", 2), Map.of("product_id", gadget, "quantity", 1)),
                "shipping_address", Fixtures.address(), "payment_method", Map.of("type", "card", "card_token", "tok_visa")));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(202);
        String orderId = placed.text("/order_id");
        assertThat(Fixtures.awaitSagaCompleted(customer, orderId).text("/status")).isEqualTo("CONFIRMED");
        for (Map<String, Object> step : List.<Map<String, Object>>of(Map.of("status", "PROCESSING"),
                Map.of("status", "SHIPPED", "tracking_number", "TRACK-" + orderId.substring(6, 14)), Map.of("status", "DELIVERED"))) {
            ApiResponse moved = admin.post("/api/v1/admin/orders/" + orderId + "/status", step);
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        }
        return orderId;
    }

    /** A line's paid share: its price less its part of the discount plus its part of the tax. */
    private static BigDecimal share(JsonNode order, BigDecimal price) {
        BigDecimal part = price.divide(order.path("subtotal").decimalValue(), 10, RoundingMode.HALF_EVEN);
        return price.subtract(order.path("discount_amount").decimalValue().multiply(part))
                .add(order.path("tax_amount").decimalValue().multiply(part)).setScale(2, RoundingMode.HALF_EVEN);
    }
}
