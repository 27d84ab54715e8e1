package dev.checkout.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JsonNode;

/**
 * What a flash sale sold, counted from the orders as the admin API shows them, not from what the crowd believes:
 * every order that is neither failed nor cancelled, its units of the sale's product, per customer; when each was
 * confirmed (its status history). Waits first until no order is still PENDING.
 */
final class FlashSaleAudit {

    private static final Set<String> NOT_SOLD = Set.of("PENDING", "FAILED", "CANCELLED");

    /**
     * @param sold            units of the product in orders neither failed nor cancelled
     * @param orders          such orders
     * @param overLimit       customers with more units than the limit
     * @param lastConfirmedAt when the last of those orders was confirmed (null when none was)
     * @param pending         orders still PENDING when the audit gave up waiting
     */
    record Result(long sold, long orders, long overLimit, Instant lastConfirmedAt, long pending) {
    }

    private FlashSaleAudit() {
    }

    static Result of(BenchApi api, String admin, String productId, int perUserLimit) throws InterruptedException {
        long pending = awaitNoPending(api, admin, Duration.ofMinutes(3));
        List<String> sold = new ArrayList<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        for (int page = 1; ; page++) {
            JsonNode list = api.require("GET", "/api/v1/orders?limit=100&page=" + page, admin, null);
            for (JsonNode order : list.path("orders")) {
                if (!NOT_SOLD.contains(order.path("status").asString()) && seen.add(order.path("order_id").asString())) {
                    sold.add(order.path("order_id").asString());
                }
            }
            if (page >= list.path("pagination").path("total_pages").asLong()) {
                break;
            }
        }
        Map<String, Long> unitsByCustomer = new ConcurrentHashMap<>();
        AtomicReference<Instant> lastConfirmed = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (String orderId : sold) {
            readers.add(Thread.ofVirtual().start(() -> {
                JsonNode order = api.require("GET", "/api/v1/orders/" + orderId, admin, null);
                long units = 0;
                for (JsonNode item : order.path("items")) {
                    if (productId.equals(item.path("product_id").asString())) {
                        units += item.path("quantity").asLong();
                    }
                }
                unitsByCustomer.merge(order.path("user_id").asString(), units, Long::sum);
                for (JsonNode change : order.path("status_history")) {
                    if ("CONFIRMED".equals(change.path("to").asString())) {
                        Instant at = Instant.parse(change.path("at").asString());
                        lastConfirmed.accumulateAndGet(at, (a, b) -> a == null || b.isAfter(a) ? b : a);
                    }
                }
            }));
        }
        for (Thread reader : readers) {
            reader.join();
        }
        long units = unitsByCustomer.values().stream().mapToLong(Long::longValue).sum();
        long overLimit = unitsByCustomer.values().stream().filter(u -> u > perUserLimit).count();
        return new Result(units, sold.size(), overLimit, lastConfirmed.get(), pending);
    }

    private static long awaitNoPending(BenchApi api, String admin, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long pending = api.require("GET", "/api/v1/orders?status=PENDING&limit=1", admin, null).path("pagination").path("total").asLong();
            if (pending == 0 || System.nanoTime() > deadline) {
                return pending;
            }
            Pause.of(Duration.ofSeconds(1));
        }
    }
}
