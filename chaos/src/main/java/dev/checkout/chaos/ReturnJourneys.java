package dev.checkout.chaos;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;

/**
 * Customers sending back what they bought while faults happen: orders of two lines, delivered by the admin; one line
 * returned and approved (a partial refund), and on every other order the second line as well (the order becomes
 * RETURNED, then REFUNDED). Every call is tried again while the process that answers it is down, so a crash during a
 * refund only delays the journey; {@link Invariants} then checks what each return did.
 */
final class ReturnJourneys {

    /** Long enough for a halted process to be restarted and to catch up. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final Cluster cluster;
    private final Workload workload;

    ReturnJourneys(Cluster cluster, Workload workload) {
        this.cluster = cluster;
        this.workload = workload;
    }

    void run(int orders) {
        ApiClient admin = Workload.admin(cluster.api(Cluster.Role.EDGE)).sameHeadersAt(cluster.api(Cluster.Role.ORDER).baseUrl());
        List<Workload.Product> products = workload.products();
        Map<String, Workload.Customer> placed = new LinkedHashMap<>();
        for (int i = 0; i < orders; i++) {
            Workload.Customer customer = workload.customers().get(i % workload.customers().size());
            Map<String, Object> body = new LinkedHashMap<>(Workload.directOrderBody(products.get(0), 1, "tok_visa"));
            body.put("items", List.of(Map.of("product_id", products.get(0).productId(), "quantity", 1),
                    Map.of("product_id", products.get(1).productId(), "quantity", 1)));
            String orderId = workload.submit(customer, "direct", "/api/v1/orders", "return-" + UUID.randomUUID(), body);
            if (orderId != null) {
                placed.put(orderId, customer);
            }
        }
        int journey = 0;
        for (var order : placed.entrySet()) {
            if (deliver(admin, order.getValue(), order.getKey())) {
                returnAndApprove(admin, order.getValue(), order.getKey(), List.of(Map.of("product_id", products.get(0).productId(), "quantity", 1)));
                if (journey++ % 2 == 1) {
                    returnAndApprove(admin, order.getValue(), order.getKey(), null); // the rest: the whole order is back
                }
            }
        }
    }

    /** Waits for the order to be confirmed and takes it to DELIVERED; false if it was not confirmed. */
    private boolean deliver(ApiClient admin, Workload.Customer customer, String orderId) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String status = "PENDING";
        while ("PENDING".equals(status) && System.nanoTime() < deadline) {
            status = call(() -> customer.order().get("/api/v1/orders/" + orderId)).text("/status");
            if ("PENDING".equals(status)) {
                Cluster.sleep(Duration.ofMillis(250));
            }
        }
        if (!"CONFIRMED".equals(status)) {
            return false;
        }
        for (String next : List.of("PROCESSING", "SHIPPED", "DELIVERED")) {
            Map<String, Object> change = new LinkedHashMap<>(Map.of("status", next));
            if (next.equals("SHIPPED")) {
                change.put("tracking_number", "TRK-" + orderId);
            }
            // A 409 after a retry: the change was made by the attempt whose answer was lost.
            require(call(() -> admin.post("/api/v1/admin/orders/" + orderId + "/status", change)), 200, 409);
        }
        return true;
    }

    /** Asks for a return ({@code items} null: everything left) and approves it. */
    private void returnAndApprove(ApiClient admin, Workload.Customer customer, String orderId, List<Map<String, Object>> items) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("reason", "chaos");
        if (items != null) {
            request.put("items", items);
        }
        ApiResponse asked = call(() -> customer.order().post("/api/v1/orders/" + orderId + "/return", request));
        if (asked.status() != 201) {
            return; // asked before by an attempt whose answer was lost: that return stays REQUESTED, which changes nothing
        }
        String returnId = asked.text("/return_id");
        require(call(() -> admin.post("/api/v1/admin/returns/" + returnId + "/approve", Map.of())), 200, 409);
    }

    /** The answer, tried again while the service cannot be reached or answers 5xx. */
    private static ApiResponse call(Supplier<ApiResponse> request) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<String> failures = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            try {
                ApiResponse response = request.get();
                if (response.status() < 500) {
                    return response;
                }
                failures.add(response.status() + " " + response.code());
            } catch (UncheckedIOException down) {
                failures.add(String.valueOf(down.getCause()));
            }
            Cluster.sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("a return journey's call did not succeed within " + PATIENCE + ": "
                + failures.subList(Math.max(0, failures.size() - 3), failures.size()));
    }

    private static void require(ApiResponse response, int... statuses) {
        for (int status : statuses) {
            if (response.status() == status) {
                return;
            }
        }
        throw new IllegalStateException("a return journey's call was refused: " + response);
    }
}
