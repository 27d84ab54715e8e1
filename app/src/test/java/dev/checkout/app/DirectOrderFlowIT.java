package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.junit.jupiter.api.Test;

/** The walking skeleton end to end: all services in one process, real servers, the gateway simulator over HTTP. */
class DirectOrderFlowIT extends EndToEndTest {

    @Test
    void anOrderPaidWithAGoodCardIsConfirmedAndTakesItsStock() {
        String product = fixtures.productWithStock("19.99", 5);
        ApiClient customer = fixtures.newCustomer();

        ApiResponse placed = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/orders", Fixtures.directOrder(product, 1, "tok_visa"));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(202);
        assertThat(placed.text("/status")).isEqualTo("PENDING");

        ApiResponse order = Fixtures.awaitSettled(customer, placed.text("/order_id"));
        assertThat(order.text("/status")).as(order.toString()).isEqualTo("CONFIRMED");
        assertThat(order.text("/payment/transaction_id")).startsWith("ch_");
        assertThat(order.json().path("subtotal").decimalValue()).isEqualByComparingTo("19.99");
        assertThat(order.json().path("total_amount").decimalValue()).as("subtotal, tax and shipping from the pricing quote")
                .isEqualByComparingTo(order.json().path("subtotal").decimalValue().add(order.json().path("tax_amount").decimalValue())
                        .add(order.json().path("shipping_amount").decimalValue()));
        ApiResponse completed = Fixtures.awaitSagaCompleted(customer, placed.text("/order_id"));
        assertThat(completed.json().path("saga_steps").findValuesAsString("step")).containsExactly(
                "reserve_stock", "charge_payment", "confirm_stock", "confirm_order");
        assertThat(fixtures.available(product)).isEqualTo(4);
        assertThat(fixtures.admin().get("/api/v1/admin/inventory/" + product).json().path("quantity_total").asInt()).isEqualTo(4);
    }

    @Test
    void aDeclinedCardFailsTheOrderAndGivesTheStockBack() {
        String product = fixtures.productWithStock("5.00", 5);
        ApiClient customer = fixtures.newCustomer();

        ApiResponse placed = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/orders", Fixtures.directOrder(product, 2, "tok_chargeDeclined"));
        ApiResponse order = Fixtures.awaitSettled(customer, placed.text("/order_id"));

        assertThat(order.text("/status")).isEqualTo("FAILED");
        assertThat(order.text("/failure_reason")).isEqualTo("payment_declined");
        assertThat(fixtures.available(product)).isEqualTo(5);
    }

    @Test
    void anOrderForMoreThanIsInStockFailsWithInsufficientStockAndReservesNothing() {
        String product = fixtures.productWithStock("5.00", 1);
        ApiClient customer = fixtures.newCustomer();

        ApiResponse placed = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/orders", Fixtures.directOrder(product, 2, "tok_visa"));
        ApiResponse order = Fixtures.awaitSettled(customer, placed.text("/order_id"));

        assertThat(order.text("/status")).isEqualTo("FAILED");
        assertThat(order.text("/failure_reason")).isEqualTo("insufficient_stock");
        assertThat(fixtures.available(product)).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameOrderAndPlacesNoOther() {
        String product = fixtures.productWithStock("7.50", 5);
        ApiClient customer = fixtures.newCustomer().withHeader("Idempotency-Key", UUID.randomUUID().toString());

        ApiResponse first = customer.post("/api/v1/orders", Fixtures.directOrder(product, 1, "tok_visa"));
        ApiResponse again = customer.post("/api/v1/orders", Fixtures.directOrder(product, 1, "tok_visa"));

        assertThat(again.status()).isEqualTo(first.status());
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        Fixtures.awaitSettled(customer, first.text("/order_id"));
        assertThat(customer.get("/api/v1/orders").json().path("orders")).hasSize(1);
        assertThat(fixtures.available(product)).isEqualTo(4);

        ApiResponse otherBody = customer.post("/api/v1/orders", Fixtures.directOrder(product, 2, "tok_visa"));
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.code()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void badOrderRequestsAreRefusedWithAProblemAndChangeNothing() {
        String product = fixtures.productWithStock("3.00", 5);
        ApiClient customer = fixtures.newCustomer();
        ApiClient keyed = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString());

        assertThat(customer.post("/api/v1/orders", Fixtures.directOrder(product, 1, "tok_visa")).code()).isEqualTo("idempotency_key_missing");
        assertThat(keyed.send("POST", "/api/v1/orders", "{\"items\": [").status()).isEqualTo(400);
        assertThat(keyed.post("/api/v1/orders", Fixtures.directOrder(product, 0, "tok_visa")).code()).isEqualTo("validation_failed");
        assertThat(keyed.post("/api/v1/orders", Fixtures.directOrder(product, -3, "tok_visa")).status()).isEqualTo(400);
        ApiResponse wrongType = keyed.send("POST", "/api/v1/orders", """
                {"items": [{"product_id": "%s", "quantity": "two"}],
                 "shipping_address": {"street": "1 Main St", "city": "Springfield", "zip": "62701", "country": "US"},
                 "payment_method": {"type": "card", "card_token": "tok_visa"}}""".formatted(product));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.text("/errors/0/field")).isEqualTo("items[0].quantity");
        ApiResponse missingAddress = keyed.post("/api/v1/orders", Map.of("items", List.of(Map.of("product_id", product, "quantity", 1)),
                "payment_method", Map.of("type", "card", "card_token", "tok_visa")));
        assertThat(missingAddress.status()).isEqualTo(400);
        assertThat(missingAddress.text("/errors/0/field")).isEqualTo("shipping_address");

        ApiResponse unknownProduct = keyed.post("/api/v1/orders", Fixtures.directOrder("prod_does_not_exist", 1, "tok_visa"));
        assertThat(unknownProduct.status()).isEqualTo(422);
        assertThat(unknownProduct.code()).isEqualTo("product_not_found");

        assertThat(customer.get("/api/v1/orders").json().path("orders")).isEmpty();
        assertThat(fixtures.available(product)).isEqualTo(5);
    }

    @Test
    void ordersAreVisibleToTheirOwnerOnlyAndUnknownIdsAreNotFound() {
        String product = fixtures.productWithStock("3.00", 5);
        ApiClient owner = fixtures.newCustomer();
        ApiResponse placed = owner.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/orders", Fixtures.directOrder(product, 1, "tok_visa"));
        String orderId = placed.text("/order_id");

        assertThat(fixtures.newCustomer().get("/api/v1/orders/" + orderId).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/orders/" + orderId).status()).isEqualTo(401);
        assertThat(owner.get("/api/v1/orders/order_nope").status()).isEqualTo(404);
        assertThat(owner.get("/api/v1/orders/" + orderId + "/status").text("/order_id")).isEqualTo(orderId);
        assertThat(fixtures.admin().get("/api/v1/orders/" + orderId).status()).isEqualTo(200);
    }

    @Test
    void adminEndpointsNeedTheAdminRole() {
        ApiClient customer = fixtures.newCustomer();
        assertThat(customer.post("/api/v1/admin/products", Map.of("sku", "x")).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/admin/inventory/prod_x", Map.of("warehouse_id", "w", "quantity_total", 1)).status()).isEqualTo(401);
        assertThat(fixtures.admin().put("/api/v1/admin/inventory/prod_unknown", Map.of("warehouse_id", "w", "quantity_total", 1)).status())
                .isEqualTo(404);
        assertThat(fixtures.admin().put("/api/v1/admin/inventory/prod_unknown", Map.of("warehouse_id", "w", "quantity_total", -1)).status())
                .isEqualTo(400);
    }
}
