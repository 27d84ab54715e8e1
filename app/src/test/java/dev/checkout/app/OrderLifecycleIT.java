package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** After the checkout: cancellations, the admin's status changes, and the operators' view of sagas. */
class OrderLifecycleIT extends EndToEndTest {

    @Test
    void cancellingAConfirmedOrderRefundsThePaymentAndReturnsTheStock() {
        String product = fixtures.productWithStock("15.00", 5);
        ApiClient customer = fixtures.newCustomer();
        String orderId = placeOrder(customer, product, 2, "tok_visa");
        ApiResponse confirmed = Fixtures.awaitSettled(customer, orderId);
        assertThat(confirmed.text("/status")).isEqualTo("CONFIRMED");
        assertThat(fixtures.available(product)).isEqualTo(3);

        ApiResponse cancelled = customer.post("/api/v1/orders/" + orderId + "/cancel", null);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
        assertThat(cancelled.text("/status")).isEqualTo("CANCELLED");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> customer.get("/api/v1/orders/" + orderId).text("/payment_status"), "REFUNDED"::equals);
        assertThat(fixtures.available(product)).isEqualTo(5);
        assertThat(fixtures.admin().get("/api/v1/admin/inventory/" + product).json().path("quantity_total").asInt()).isEqualTo(5);
        String charge = confirmed.text("/payment/transaction_id");
        var ledgerCharge = ApiClient.at(GATEWAY.baseUrl()).get("/v1/ledger").json().path("charges").valueStream()
                .filter(c -> c.path("id").asString().equals(charge)).toList();
        assertThat(ledgerCharge).singleElement().satisfies(c ->
                assertThat(c.path("amount_refunded").asLong()).as("refunded in full").isEqualTo(c.path("amount").asLong()));

        ApiResponse twice = customer.post("/api/v1/orders/" + orderId + "/cancel", null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("invalid_transition");
    }

    @Test
    void anAdminMovesAnOrderAlongFulfilmentAndNothingElse() {
        String product = fixtures.productWithStock("9.00", 5);
        ApiClient customer = fixtures.newCustomer();
        String orderId = placeOrder(customer, product, 1, "tok_visa");
        assertThat(Fixtures.awaitSettled(customer, orderId).text("/status")).isEqualTo("CONFIRMED");
        ApiClient admin = fixtures.admin();

        ApiResponse processing = admin.post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "PROCESSING"));
        assertThat(processing.status()).as(processing.toString()).isEqualTo(200);
        assertThat(processing.text("/status")).isEqualTo("PROCESSING");
        ApiResponse shipped = admin.post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "SHIPPED", "tracking_number", "1Z999"));
        assertThat(shipped.text("/status")).isEqualTo("SHIPPED");
        assertThat(shipped.text("/tracking_number")).isEqualTo("1Z999");
        assertThat(customer.get("/api/v1/orders/" + orderId).text("/status")).as("visible at once").isEqualTo("SHIPPED");

        ApiResponse backwards = admin.post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "PROCESSING"));
        assertThat(backwards.status()).isEqualTo(409);
        assertThat(backwards.code()).isEqualTo("invalid_transition");
        assertThat(customer.post("/api/v1/orders/" + orderId + "/cancel", null).code()).as("shipped orders are returned, not cancelled")
                .isEqualTo("invalid_transition");
        assertThat(admin.post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "CANCELLED")).status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "DELIVERED")).text("/status")).isEqualTo("DELIVERED");
        assertThat(customer.post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "DELIVERED")).status()).isEqualTo(403);
        assertThat(admin.post("/api/v1/admin/orders/order_unknown/status", Map.of("status", "PROCESSING")).status()).isEqualTo(404);

        var history = customer.get("/api/v1/orders/" + orderId).json().path("status_history").findValuesAsString("to");
        assertThat(history).containsExactly("PENDING", "CONFIRMED", "PROCESSING", "SHIPPED", "DELIVERED");
    }

    @Test
    void operatorsSeeEverySagaWithItsStepLog() {
        String product = fixtures.productWithStock("1.00", 5);
        ApiClient customer = fixtures.newCustomer();
        String declined = placeOrder(customer, product, 1, "tok_chargeDeclined");
        assertThat(Fixtures.awaitSettled(customer, declined).text("/status")).isEqualTo("FAILED");
        ApiClient admin = fixtures.admin();

        ApiResponse compensated = admin.get("/api/v1/admin/sagas?status=COMPENSATED&limit=100");
        assertThat(compensated.status()).isEqualTo(200);
        var saga = compensated.json().path("sagas").valueStream().filter(s -> s.path("order_id").asString().equals(declined)).findFirst();
        assertThat(saga).isPresent();
        assertThat(saga.get().path("failure_reason").asString()).isEqualTo("payment_declined");

        ApiResponse detail = admin.get("/api/v1/admin/sagas/" + saga.get().path("saga_id").asString());
        assertThat(detail.json().path("steps").findValuesAsString("step")).contains("reserve_stock", "charge_payment");
        assertThat(detail.json().path("steps").findValuesAsString("outcome")).contains("FAILED", "COMPENSATED");
        assertThat(admin.get("/api/v1/admin/sagas?status=STUCK").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/admin/sagas?status=SIDEWAYS").status()).isEqualTo(400);
        assertThat(customer.get("/api/v1/admin/sagas").status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/admin/sagas/saga_unknown").status()).isEqualTo(404);
    }
}
