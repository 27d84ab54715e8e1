package dev.checkout.chaos;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;

/**
 * Customers buying a handful of products while faults happen: direct orders, two-step checkouts of carts, one-shot
 * cart checkouts, and deliberate retries of earlier requests under the same Idempotency-Key. Every call that could
 * create an order is recorded in the {@link History}.
 */
final class Workload {

    record Product(String productId, int initialUnits, BigDecimal price) {
    }

    record Customer(String userId, ApiClient edge, ApiClient order) {
    }

    private final Cluster cluster;
    private final History history;
    private final Random random;
    private final List<Product> products = new ArrayList<>();
    private final List<Customer> customers = new ArrayList<>();
    private final List<Retryable> retryables = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A request that can be sent again as it was. */
    private record Retryable(Customer customer, String operation, String path, String key, Map<String, Object> body) {
    }

    Workload(Cluster cluster, History history, long seed) {
        this.cluster = cluster;
        this.history = history;
        this.random = new Random(seed);
    }

    List<Product> products() {
        return products;
    }

    List<Customer> customers() {
        return customers;
    }

    /** Products with stock, and registered customers. */
    void setUp(int productCount, int unitsEach, int customerCount) {
        ApiClient admin = admin(cluster.api(Cluster.Role.EDGE));
        ApiClient inventoryAdmin = admin.sameHeadersAt(cluster.api(Cluster.Role.INVENTORY).baseUrl());
        for (int i = 0; i < productCount; i++) {
            BigDecimal price = new BigDecimal(5 + random.nextInt(40) + ".99");
            ApiResponse created = admin.post("/api/v1/admin/products", Map.of("sku", "CHAOS-" + UUID.randomUUID(),
                    "name", "Chaos widget " + i, "brand", "Chaos", "category_path", "chaos/widgets", "base_price", price));
            require(created, 201);
            String productId = created.text("/product_id");
            require(inventoryAdmin.put("/api/v1/admin/inventory/" + productId,
                    Map.of("warehouse_id", "wh_main", "quantity_total", unitsEach)), 200);
            products.add(new Product(productId, unitsEach, price));
        }
        for (int i = 0; i < customerCount; i++) {
            customers.add(register(cluster));
        }
    }

    /** A newly registered, logged-in customer. */
    static Customer register(Cluster cluster) {
        String email = "chaos-" + UUID.randomUUID() + "@example.com";
        ApiClient edge = cluster.api(Cluster.Role.EDGE);
        require(edge.post("/api/v1/auth/register", Map.of("email", email, "password", "chaos customer password")), 201);
        ApiResponse login = edge.post("/api/v1/auth/login", Map.of("email", email, "password", "chaos customer password"));
        require(login, 200);
        String token = login.text("/access_token");
        return new Customer(login.text("/user_id"), edge.withToken(token), cluster.api(Cluster.Role.ORDER).withToken(token));
    }

    /** Runs {@code operations} calls on {@code threads} threads; returns when all have ended. */
    void run(int operations, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int i = 0; i < operations; i++) {
            long seed = random.nextLong();
            pool.execute(() -> oneOperation(new Random(seed)));
        }
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new IllegalStateException("the workload did not finish within 5 minutes");
        }
    }

    /** The same request sent {@code times} times at once under one key: exactly one order may come of it. */
    void concurrentDuplicates(int times) throws InterruptedException {
        Customer customer = customers.get(0);
        Map<String, Object> body = directOrderBody(products.get(0), 1, "tok_visa");
        String key = "dup-" + UUID.randomUUID();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            threads.add(Thread.ofPlatform().start(() -> submit(customer, "direct", "/api/v1/orders", key, body)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void oneOperation(Random random) {
        Customer customer = customers.get(random.nextInt(customers.size()));
        int roll = random.nextInt(100);
        if (roll < 10 && !retryables.isEmpty()) {
            Retryable earlier = retryables.get(random.nextInt(retryables.size()));
            submit(earlier.customer(), earlier.operation(), earlier.path(), earlier.key(), earlier.body());
            return;
        }
        Product product = products.get(random.nextInt(products.size()));
        String token = card(random);
        if (roll < 60) {
            submit(customer, "direct", "/api/v1/orders", "direct-" + UUID.randomUUID(), directOrderBody(product, 1 + random.nextInt(2), token));
        } else if (roll < 85) {
            twoStepCheckout(customer, product, 1 + random.nextInt(2), token);
        } else {
            oneShotCheckout(customer, product, 1 + random.nextInt(2), token);
        }
    }

    private void twoStepCheckout(Customer customer, Product product, int quantity, String token) {
        String cartId = freshCartWith(customer, product, quantity);
        if (cartId == null) {
            return;
        }
        ApiResponse checkout;
        try {
            checkout = customer.order().post("/api/v1/checkouts", Map.of("cart_id", cartId, "shipping_address", address()));
        } catch (UncheckedIOException e) {
            return;
        }
        if (checkout.status() != 201 && checkout.status() != 200) {
            return;
        }
        String checkoutId = checkout.text("/checkout_id");
        submit(customer, "pay", "/api/v1/checkouts/" + checkoutId + "/pay", "pay-" + UUID.randomUUID(),
                Map.of("payment_method", Map.of("type", "card", "card_token", token)));
    }

    private void oneShotCheckout(Customer customer, Product product, int quantity, String token) {
        String cartId = freshCartWith(customer, product, quantity);
        if (cartId == null) {
            return;
        }
        submit(customer, "one-shot", "/api/v1/orders/checkout", "oneshot-" + UUID.randomUUID(), Map.of("cart_id", cartId,
                "shipping_address", address(), "payment_method", Map.of("type", "card", "card_token", token)));
    }

    /** The customer's active cart, emptied and filled with one line; null if the cart service could not be reached. */
    private String freshCartWith(Customer customer, Product product, int quantity) {
        try {
            ApiResponse cart = customer.edge().post("/api/v1/carts", null);
            if (cart.status() != 200 && cart.status() != 201) {
                return null;
            }
            String cartId = cart.text("/cart_id");
            for (var item : cart.json().path("items")) {
                customer.edge().delete("/api/v1/carts/" + cartId + "/items/" + item.path("cart_item_id").asString());
            }
            ApiResponse added = customer.edge().post("/api/v1/carts/" + cartId + "/items",
                    Map.of("product_id", product.productId(), "quantity", quantity));
            return added.status() == 201 ? cartId : null;
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    /** Sends a request that may create an order, records it in the history, and returns the order's id if it was accepted. */
    String submit(Customer customer, String operation, String path, String key, Map<String, Object> body) {
        retryables.add(new Retryable(customer, operation, path, key, body));
        History.Submission submission = send(customer, operation, path, key, body);
        history.record(submission);
        return submission.status() == 202 ? submission.orderId() : null;
    }

    /** One request that may create an order, and what it ended as. */
    static History.Submission send(Customer customer, String operation, String path, String key, Map<String, Object> body) {
        String fingerprint = body.toString();
        try {
            ApiResponse response = customer.order().withHeader("Idempotency-Key", key).post(path, body);
            // A 4xx (a 409 request_in_progress included) did nothing; a 5xx may have come after a commit.
            History.Outcome outcome = response.status() == 202 ? History.Outcome.OK
                    : response.status() >= 500 ? History.Outcome.UNKNOWN : History.Outcome.FAIL;
            return new History.Submission(operation, customer.userId(), key, fingerprint, outcome, response.status(),
                    response.code(), response.text("/order_id"), "true".equals(response.header("Idempotent-Replayed")), response.body());
        } catch (UncheckedIOException e) {
            boolean neverReached = e.getCause() instanceof ConnectException
                    || e.getCause() != null && e.getCause().getCause() instanceof ConnectException;
            return new History.Submission(operation, customer.userId(), key, fingerprint,
                    neverReached ? History.Outcome.FAIL : History.Outcome.UNKNOWN, 0, null, null, false, String.valueOf(e.getCause()));
        }
    }

    static Map<String, Object> directOrderBody(Product product, int quantity, String cardToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", List.of(Map.of("product_id", product.productId(), "quantity", quantity)));
        body.put("shipping_address", address());
        body.put("payment_method", Map.of("type", "card", "card_token", cardToken));
        return body;
    }

    static Map<String, Object> address() {
        return Map.of("street", "1 Chaos Way", "city", "Entropy", "zip", "12345", "country", "US");
    }

    private static String card(Random random) {
        int roll = random.nextInt(100);
        return roll < 80 ? "tok_visa" : roll < 88 ? "tok_chargeDeclined" : roll < 94 ? "tok_insufficient_funds" : "tok_slow";
    }

    static ApiClient admin(ApiClient edge) {
        ApiResponse login = edge.post("/api/v1/auth/login", Map.of("email", Cluster.ADMIN_EMAIL, "password", Cluster.ADMIN_PASSWORD));
        require(login, 200);
        return edge.withToken(login.text("/access_token"));
    }

    static void require(ApiResponse response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("setting up the chaos workload failed: " + response);
        }
    }
}
