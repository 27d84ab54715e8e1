package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.junit.jupiter.api.Test;

/**
 * A flash sale end to end, through the public API and the checkout saga: more direct orders at once than units in
 * stock. Exactly as many orders are confirmed as there were units, every other one fails for want of stock, and the
 * stock ends sold out with nothing left reserved.
 */
class FlashSaleIT extends EndToEndTest {

    @Test
    void moreConcurrentOrdersThanUnitsConfirmExactlyAsManyOrdersAsUnitsAndSellOut() throws Exception {
        String product = fixtures.productWithStock("9.99", 10);
        List<ApiClient> customers = List.of(fixtures.newCustomer(), fixtures.newCustomer(), fixtures.newCustomer());

        List<String> orderIds = new ArrayList<>();
        // Eight callers at a time: placing an order holds a database connection while it asks the catalog for prices
        // over HTTP, so more simultaneous requests than this test's small pool (12) would starve it. The orders still
        // race through the saga and the inventory gate together.
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<ApiResponse>> placed = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ApiClient customer = customers.get(i % customers.size()).withHeader("Idempotency-Key", UUID.randomUUID().toString());
                placed.add(threads.submit(() -> customer.post("/api/v1/orders", Fixtures.directOrder(product, 1, "tok_visa"))));
            }
            for (Future<ApiResponse> response : placed) {
                assertThat(response.get().status()).as(response.get().toString()).isEqualTo(202);
                orderIds.add(response.get().text("/order_id"));
            }
        }

        List<ApiResponse> settled = new ArrayList<>();
        for (String orderId : orderIds) {
            settled.add(Fixtures.awaitSettled(fixtures.admin(), orderId));
        }
        assertThat(settled).filteredOn(order -> "CONFIRMED".equals(order.text("/status"))).hasSize(10);
        assertThat(settled).filteredOn(order -> !"CONFIRMED".equals(order.text("/status"))).hasSize(20)
                .allSatisfy(order -> {
                    assertThat(order.text("/status")).isEqualTo("FAILED");
                    assertThat(order.text("/failure_reason")).isEqualTo("insufficient_stock");
                });
        ApiResponse stock = fixtures.admin().get("/api/v1/admin/inventory/" + product);
        assertThat(stock.json().path("quantity_total").asInt()).isZero();
        assertThat(stock.json().path("quantity_reserved").asInt()).isZero();
        assertThat(stock.json().path("quantity_available").asInt()).isZero();
    }
}
