package dev.checkout.chaos;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;

/**
 * A small flash sale run alongside the workload: {@code units} units at most {@value #LIMIT} a customer, and more
 * customers than units who queue just before the start, poll, and buy 1 or 2 units with their purchase token when
 * admitted. They behave as patient clients across a crash: a call that got no answer is sent again (an order under the
 * same Idempotency-Key), a lapsed token ends that customer's turn. Every order request goes into the run's
 * {@link History}, so the usual invariants hold the sale's orders to account too; {@link #check} adds the sale's own:
 * exactly {@code units} units in confirmed orders, nobody above the limit.
 */
final class FlashSaleRush {

    static final int LIMIT = 2;

    private final Cluster cluster;
    private final History history;
    private final Random random;
    private final int units;
    private final List<Workload.Customer> customers = new ArrayList<>();
    private Workload.Product product;
    private String saleId;
    private Instant startsAt;

    FlashSaleRush(Cluster cluster, History history, long seed, int units) {
        this.cluster = cluster;
        this.history = history;
        this.random = new Random(seed);
        this.units = units;
    }

    Workload.Product product() {
        return product;
    }

    /** The product with exactly the sale's units in stock, the customers, and the sale, starting a few seconds on. */
    void setUp(int customerCount) {
        ApiClient admin = Workload.admin(cluster.api(Cluster.Role.EDGE));
        ApiResponse created = admin.post("/api/v1/admin/products", Map.of("sku", "FLASH-" + UUID.randomUUID(), "name", "Flash widget",
                "brand", "Chaos", "category_path", "chaos/flash", "base_price", new BigDecimal("49.99")));
        Workload.require(created, 201);
        product = new Workload.Product(created.text("/product_id"), units, new BigDecimal("9.99"));
        Workload.require(admin.sameHeadersAt(cluster.api(Cluster.Role.INVENTORY).baseUrl())
                .put("/api/v1/admin/inventory/" + product.productId(), Map.of("warehouse_id", "wh_main", "quantity_total", units)), 200);
        for (int i = 0; i < customerCount; i++) {
            customers.add(Workload.register(cluster));
        }
        ApiClient orderAdmin = admin.sameHeadersAt(cluster.api(Cluster.Role.ORDER).baseUrl());
        startsAt = Instant.now().plusSeconds(3);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (saleId == null) {
            // The order service learns of a new product from catalog's events: the sale can be defined once it has.
            ApiResponse sale = orderAdmin.post("/api/v1/admin/flash-sales", Map.of("product_id", product.productId(), "quantity", units,
                    "sale_price", product.price(), "starts_at", startsAt.toString(), "ends_at", startsAt.plusSeconds(600).toString(),
                    "per_user_limit", LIMIT));
            if (sale.status() == 201) {
                saleId = sale.text("/flash_sale_id");
            } else if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the flash sale could not be defined: " + sale);
            } else {
                Cluster.sleep(Duration.ofMillis(500));
            }
        }
    }

    /** Every customer queues, polls and buys; returns when each has bought, walked away or seen SOLD_OUT. */
    void run(Duration timeout) throws InterruptedException {
        List<Thread> shoppers = new ArrayList<>();
        for (Workload.Customer customer : customers) {
            int quantity = 1 + random.nextInt(LIMIT);
            shoppers.add(Thread.ofPlatform().start(() -> shop(customer, quantity, System.nanoTime() + timeout.toNanos())));
        }
        for (Thread shopper : shoppers) {
            shopper.join();
        }
    }

    /** Units of the latest sale in orders confirmed so far (a fault waits for the middle of the sale with this). */
    static long confirmedUnitsOfLatestSale(Database database) {
        return database.count("""
                select coalesce(sum(i.quantity), 0) from orders.order_items i join orders.orders o on o.order_id = i.order_id
                where o.status = 'CONFIRMED'
                  and i.product_id = (select product_id from orders.flash_sales order by created_at desc limit 1)""");
    }

    private void shop(Workload.Customer customer, int quantity, long deadline) {
        String queue = "/api/v1/flash-sales/" + saleId + "/queue";
        ApiResponse ticket = answered(() -> customer.order().post(queue, Map.of("quantity", quantity)), deadline);
        if (ticket == null || ticket.status() != 202) {
            return;
        }
        String ticketId = ticket.text("/ticket_id");
        while (System.nanoTime() < deadline) {
            String status = ticket.text("/status");
            if ("ADMITTED".equals(status)) {
                order(customer, ticket.text("/purchase_token"), deadline);
                return;
            }
            if (!"WAITING".equals(status)) {
                return;
            }
            Cluster.sleep(Duration.ofMillis(300));
            ticket = answered(() -> customer.order().get(queue + "/" + ticketId), deadline);
            if (ticket == null || ticket.status() != 200) {
                return;
            }
        }
    }

    /** The order with the token, sent again under the same key while the service is down, failing or still on an earlier try. */
    private void order(Workload.Customer customer, String token, long deadline) {
        String key = "flash-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("purchase_token", token, "shipping_address", Workload.address(),
                "payment_method", Map.of("type", "card", "card_token", "tok_visa"));
        String path = "/api/v1/flash-sales/" + saleId + "/orders";
        while (System.nanoTime() < deadline) {
            History.Submission submission = Workload.send(customer, "flash-sale", path, key, body);
            history.record(submission);
            boolean answered = submission.status() != 0 && submission.status() < 500;
            if (answered && !"request_in_progress".equals(submission.code())) {
                return; // 202, or a definite refusal (a lapsed token among them)
            }
            Cluster.sleep(Duration.ofMillis(500));
        }
    }

    /** A call sent again while the service is down (no answer, or a 5xx); null once the deadline passes. */
    private static ApiResponse answered(java.util.function.Supplier<ApiResponse> call, long deadline) {
        while (System.nanoTime() < deadline) {
            try {
                ApiResponse response = call.get();
                if (response.status() < 500) {
                    return response;
                }
            } catch (UncheckedIOException down) {
                // the order service is restarting
            }
            Cluster.sleep(Duration.ofMillis(500));
        }
        return null;
    }

    /** The sale's own invariants, from the orders of record: exactly its units sold, nobody over the limit. */
    List<Invariants.Violation> check(Database database) {
        List<Invariants.Violation> violations = new ArrayList<>();
        long sold = database.count("""
                select coalesce(sum(i.quantity), 0) from orders.order_items i join orders.orders o on o.order_id = i.order_id
                where i.product_id = ? and o.status not in ('PENDING', 'FAILED', 'CANCELLED')""", product.productId());
        if (sold != units) {
            violations.add(new Invariants.Violation("F1", "flash sale " + saleId + " sold " + sold + " units of " + units));
        }
        for (Map<String, Object> row : database.rows("""
                select o.user_id, sum(i.quantity) as units from orders.order_items i join orders.orders o on o.order_id = i.order_id
                where i.product_id = ? and o.status not in ('FAILED', 'CANCELLED') group by o.user_id having sum(i.quantity) > ?""",
                product.productId(), LIMIT)) {
            violations.add(new Invariants.Violation("F2", "customer " + row.get("user_id") + " got " + row.get("units")
                    + " units of flash sale " + saleId + ", above its limit of " + LIMIT));
        }
        return violations;
    }
}
