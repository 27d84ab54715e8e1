package dev.checkout.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./checkout bench checkout [--rate R] [--duration D]}: direct orders paid with {@code tok_visa} against the
 * whole platform as {@code ./checkout run} starts it. Without {@code --rate}, a closed loop at rising concurrency finds
 * the most confirmed orders per second; with it, an open loop submits R orders per second for D (default 60 s)
 * whatever the answers, so queueing shows in the latency. Latency is from the client's submit to the moment the
 * order service recorded CONFIRMED (same machine, same clock). PostgreSQL's commit rate for single-row updates is
 * measured in the same run for comparison.
 */
public final class CheckoutBench implements Bench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_PASSWORD = "bench-admin-password";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public String usage() {
        return "[--rate R] [--duration 60s] [--products 20] [--customers 40]: confirmed orders/s and submit→CONFIRMED latency";
    }

    private record Customer(String token) {
    }

    private record Submitted(String orderId, long submittedAtMillis) {
    }

    @Override
    public void run(List<String> arguments) throws Exception {
        BenchOptions options = new BenchOptions(arguments);
        Duration duration = options.duration("duration", Duration.ofSeconds(60));
        int productCount = options.integer("products", 20);
        int customerCount = options.integer("customers", 40);
        System.out.println("starting the platform (all services in one process, embedded servers)…");
        try (Platform platform = Platform.start(ADMIN_PASSWORD, List.of())) {
            String base = platform.baseUrl();
            String admin = login(base, "admin@localhost", ADMIN_PASSWORD);
            List<String> products = new ArrayList<>();
            for (int i = 0; i < productCount; i++) {
                JsonNode product = send(base, "POST", "/api/v1/admin/products", admin, null, Map.of("sku", "BENCH-" + UUID.randomUUID(),
                        "name", "Bench item " + i, "base_price", new java.math.BigDecimal("19.99")));
                String id = product.path("product_id").asString();
                send(base, "PUT", "/api/v1/admin/inventory/" + id, admin, null, Map.of("warehouse_id", "wh_main", "quantity_total", 10_000_000));
                products.add(id);
            }
            List<Customer> customers = new ArrayList<>();
            for (int i = 0; i < customerCount; i++) {
                String email = "bench-" + UUID.randomUUID() + "@example.com";
                send(base, "POST", "/api/v1/auth/register", null, null, Map.of("email", email, "password", "bench password"));
                customers.add(new Customer(login(base, email, "bench password")));
            }
            System.out.printf("set up %d products and %d customers; warming up…%n", productCount, customerCount);
            closedLoop(base, products, customers, 8, Duration.ofSeconds(10));

            double postgresOne = PostgresCommitRate.measure(platform.jdbcUrl(), 1, Duration.ofSeconds(5));
            double postgresMany = PostgresCommitRate.measure(platform.jdbcUrl(), 8, Duration.ofSeconds(5));

            Result result;
            if (options.has("rate")) {
                int rate = options.integer("rate", 100);
                System.out.printf("open loop: %d orders/s for %d s…%n", rate, duration.toSeconds());
                result = openLoop(base, products, customers, rate, duration);
                print("open loop at " + rate + " orders/s", result);
            } else {
                Result best = null;
                for (int concurrency : new int[] {4, 8, 16, 32, 64}) {
                    Result level = closedLoop(base, products, customers, concurrency, Duration.ofSeconds(Math.min(20, duration.toSeconds())));
                    print("closed loop, " + concurrency + " clients", level);
                    if (best == null || level.confirmedPerSecond() > best.confirmedPerSecond()) {
                        best = level;
                    }
                }
                result = best;
            }
            System.out.printf("PostgreSQL single-row update commits: %.0f/s with 1 client, %.0f/s with 8 clients (pgbench-style, same run)%n",
                    postgresOne, postgresMany);
            System.out.printf("each confirmed order costs about %.0f commits' worth of the 8-client rate%n", postgresMany / result.confirmedPerSecond());
            System.out.printf("%.1f confirmed orders/s, p50 %.0f ms, p99 %.0f ms%n", result.confirmedPerSecond(),
                    result.latencies().percentileMillis(50), result.latencies().percentileMillis(99));
        }
    }

    private record Result(double confirmedPerSecond, long confirmed, long failed, long notSettled, Latencies latencies) {
    }

    private static void print(String label, Result result) {
        System.out.printf("%-28s %7.1f confirmed/s (%d confirmed, %d failed, %d unsettled); submit→CONFIRMED %s%n", label,
                result.confirmedPerSecond(), result.confirmed(), result.failed(), result.notSettled(), result.latencies().summary());
    }

    /** {@code clients} customers each placing an order and waiting for it to settle, again and again. */
    private Result closedLoop(String base, List<String> products, List<Customer> customers, int clients, Duration duration)
            throws InterruptedException {
        Latencies latencies = new Latencies();
        LongAdder confirmed = new LongAdder();
        LongAdder failed = new LongAdder();
        long end = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            Customer customer = customers.get(client % customers.size());
            threads.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    long submitted = System.currentTimeMillis();
                    String orderId = submit(base, customer, products);
                    if (orderId == null) {
                        failed.increment();
                        continue;
                    }
                    JsonNode settled = awaitSettled(base, customer, orderId, Duration.ofSeconds(60));
                    if (settled != null && "CONFIRMED".equals(settled.path("status").asString())) {
                        confirmed.increment();
                        latencies.record(Duration.ofMillis(confirmedAt(base, customer, orderId) - submitted).toNanos());
                    } else {
                        failed.increment();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(confirmed.sum() / seconds, confirmed.sum(), failed.sum(), 0, latencies);
    }

    /** Orders submitted at a fixed rate, whatever the answers; then every order is followed until it settles. */
    private Result openLoop(String base, List<String> products, List<Customer> customers, int rate, Duration duration)
            throws InterruptedException {
        Map<String, Submitted> submitted = new ConcurrentHashMap<>();
        Map<String, Customer> owners = new ConcurrentHashMap<>();
        long intervalNanos = 1_000_000_000L / rate;
        long total = rate * duration.toSeconds();
        CountDownLatch answered = new CountDownLatch((int) total);
        LongAdder rejected = new LongAdder();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Pause.of(Duration.ofNanos(wait));
            }
            Customer customer = customers.get((int) (i % customers.size()));
            long submittedAt = System.currentTimeMillis();
            Thread.ofVirtual().start(() -> {
                try {
                    String orderId = submit(base, customer, products);
                    if (orderId == null) {
                        rejected.increment();
                    } else {
                        submitted.put(orderId, new Submitted(orderId, submittedAt));
                        owners.put(orderId, customer);
                    }
                } finally {
                    answered.countDown();
                }
            });
        }
        answered.await();
        long lastSubmit = System.nanoTime();
        Latencies latencies = new Latencies();
        long confirmed = 0;
        long failed = rejected.sum();
        long unsettled = 0;
        long lastConfirmedAt = 0;
        long firstSubmittedAt = submitted.values().stream().mapToLong(Submitted::submittedAtMillis).min().orElse(0);
        for (Submitted order : submitted.values()) {
            Customer customer = owners.get(order.orderId());
            JsonNode settled = awaitSettled(base, customer, order.orderId(), Duration.ofSeconds(120));
            if (settled == null) {
                unsettled++;
            } else if ("CONFIRMED".equals(settled.path("status").asString())) {
                confirmed++;
                long at = confirmedAt(base, customer, order.orderId());
                lastConfirmedAt = Math.max(lastConfirmedAt, at);
                latencies.record(Duration.ofMillis(at - order.submittedAtMillis()).toNanos());
            } else {
                failed++;
            }
        }
        double seconds = Math.max(1, lastConfirmedAt - firstSubmittedAt) / 1000.0;
        if (System.nanoTime() - lastSubmit < 0) {
            throw new IllegalStateException("clock went backwards");
        }
        return new Result(confirmed / seconds, confirmed, failed, unsettled, latencies);
    }

    private String submit(String base, Customer customer, List<String> products) {
        String product = products.get(ThreadLocalRandom.current().nextInt(products.size()));
        try {
            JsonNode placed = send(base, "POST", "/api/v1/orders", customer.token(), UUID.randomUUID().toString(), Map.of(
                    "items", List.of(Map.of("product_id", product, "quantity", 1)),
                    "shipping_address", Map.of("street", "1 Bench St", "city", "Load", "zip", "10000", "country", "US"),
                    "payment_method", Map.of("type", "card", "card_token", "tok_visa")));
            return placed.path("order_id").asString(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Polls the order's status until the saga is over. The latency comes from the order's status history, not from
     * when the poll noticed, so the poll backs off (50 ms, doubling to 400 ms): polling every few milliseconds from
     * every client would spend the machine's CPU on the benchmark instead of on the checkouts it measures.
     */
    private JsonNode awaitSettled(String base, Customer customer, String orderId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 50;
        while (System.nanoTime() < deadline) {
            try {
                JsonNode status = send(base, "GET", "/api/v1/orders/" + orderId + "/status", customer.token(), null, null);
                if (!"PENDING".equals(status.path("status").asString())) {
                    return status;
                }
            } catch (RuntimeException retry) {
                // count it as not yet
            }
            Pause.of(Duration.ofMillis(pause));
            pause = Math.min(400, pause * 2);
        }
        return null;
    }

    /** When the order service recorded the order CONFIRMED, from the order's status history. */
    private long confirmedAt(String base, Customer customer, String orderId) {
        JsonNode order = send(base, "GET", "/api/v1/orders/" + orderId, customer.token(), null, null);
        for (JsonNode change : order.path("status_history")) {
            if ("CONFIRMED".equals(change.path("to").asString())) {
                return Instant.parse(change.path("at").asString()).toEpochMilli();
            }
        }
        throw new IllegalStateException("order " + orderId + " has no CONFIRMED in its history");
    }

    private String login(String base, String email, String password) {
        return send(base, "POST", "/api/v1/auth/login", null, null, Map.of("email", email, "password", password))
                .path("access_token").asString();
    }

    private JsonNode send(String base, String method, String path, String token, String idempotencyKey, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
