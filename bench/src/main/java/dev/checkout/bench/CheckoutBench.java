package dev.checkout.bench;

import java.io.IOException;
import java.math.BigDecimal;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./checkout bench checkout}: direct orders paid with {@code tok_visa} against the whole platform as
 * {@code ./checkout run} starts it (rate limits off), in two mixes: orders spread over many products, and every order
 * on one product (a flash sale's shape).
 * <ul>
 *   <li>Without {@code --rate}: a closed loop at rising concurrency finds the most confirmed orders per second of each
 *       mix, and what one confirmed order costs the servers (their own counters, same run). A client refused as
 *       overloaded asks again after the refusal's {@code Retry-After}, as api.md asks of clients.</li>
 *   <li>{@code --rate R [--duration 60s] [--mix spread|one-product]}: an open loop submits R orders a second whatever the
 *       answers, so queueing shows; it prints accepted, refused (503 {@code overloaded}), confirmed and failed by reason,
 *       and how soon after the load stops a new order is accepted and confirmed.</li>
 *   <li>{@code --overload}: finds the maximum of the spread mix, then runs the open loop at twice that.</li>
 * </ul>
 * Latency is from the client's submit to the moment the order service recorded CONFIRMED (same machine, same clock).
 */
public final class CheckoutBench implements Bench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final int[] CONCURRENCY = {8, 16, 32, 64, 128};
    /** Accepted orders of an open loop followed at once until they settle. */
    private static final int FOLLOWERS = 32;
    private static final Duration WARM_UP_ROUND = Duration.ofSeconds(10);
    /** The longest warm-up unless {@code --warm-up} says otherwise. */
    private static final Duration MAX_WARM_UP = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LongAdder clientRequests = new LongAdder();

    @Override
    public String usage() {
        return "[--rate R [--mix spread|one-product]] [--overload] [--duration 20s] [--warm-up 3m] [--products 20] [--customers 300]: confirmed orders/s, latency and what an order costs";
    }

    private record Customer(String token) {
    }

    /** Where orders go: {@code products} to choose from at random (one product: a flash sale's shape). */
    private record Mix(String name, List<String> products) {
        String pick() {
            return products.get(ThreadLocalRandom.current().nextInt(products.size()));
        }
    }

    @Override
    public void run(List<String> arguments) throws Exception {
        BenchOptions options = new BenchOptions(arguments);
        Duration duration = options.duration("duration", Duration.ofSeconds(options.has("rate") ? 60 : 20));
        int productCount = options.integer("products", 20);
        int customerCount = options.integer("customers", 300);
        System.out.println("starting the platform (all services in one process, embedded servers, rate limits off)…");
        try (Platform platform = Platform.start(ADMIN_PASSWORD, List.of("--checkout.rate-limits.enabled=false"))) {
            String base = platform.baseUrl();
            String admin = login(base, "admin@localhost", ADMIN_PASSWORD);
            Mix spread = new Mix("spread", products(base, admin, productCount));
            Mix oneProduct = new Mix("one-product", products(base, admin, 1));
            List<Customer> customers = customers(base, customerCount);
            System.out.printf("set up %d + 1 products and %d customers; warming up…%n", productCount, customerCount);
            try (PlatformCost cost = new PlatformCost(platform.jdbcUrl(), platform.kafkaBootstrapServers(), path -> text(base, path, admin),
                    platform.process(), platform.postmasterPidFile())) {
                warmUp(base, List.of(spread, oneProduct), customers, cost, options.duration("warm-up", MAX_WARM_UP));

                double postgresMany = PostgresCommitRate.measure(platform.jdbcUrl(), 8, Duration.ofSeconds(5));
                System.out.printf("PostgreSQL single-row update commits: %.0f/s with 8 clients (pgbench-style, same run)%n", postgresMany);

                // What the platform costs doing nothing (listeners polling, housekeeping jobs): part of every order's CPU figure.
                PlatformCost.Reading idleFrom = cost.read();
                Pause.of(Duration.ofSeconds(5));
                PlatformCost.Reading idle = cost.read().minus(idleFrom);
                System.out.printf("idle platform: CPU %.0f ms/s (platform JVM %.0f ms/s, %s), %.1f writing transactions/s%n",
                        (idle.platformCpuNanos() + idle.serversCpuNanos()) / 1e6 / 5, idle.platformCpuNanos() / 1e6 / 5,
                        idle.servers().describe(5, "ms/s"), idle.writes() / 5.0);
                if (options.has("overload")) {
                    Result max = fastest(base, spread, customers, duration, cost);
                    int rate = (int) Math.round(2 * max.confirmedPerSecond());
                    System.out.printf("open loop at twice the measured maximum (%.1f confirmed/s): %d orders/s for %d s…%n",
                            max.confirmedPerSecond(), rate, duration.toSeconds());
                    openLoop(base, spread, customers, rate, Duration.ofSeconds(60), cost);
                } else if (options.has("rate")) {
                    Mix mix = "one-product".equals(options.text("mix", "spread")) ? oneProduct : spread;
                    int rate = options.integer("rate", 100);
                    System.out.printf("open loop, %s mix: %d orders/s for %d s…%n", mix.name(), rate, duration.toSeconds());
                    openLoop(base, mix, customers, rate, duration, cost);
                } else {
                    Result spreadBest = fastest(base, spread, customers, duration, cost);
                    Result oneBest = fastest(base, oneProduct, customers, duration, cost);
                    System.out.println();
                    System.out.printf("confirmed orders/s ÷ PostgreSQL single-row commits/s: spread %.2f%%, one product %.2f%%%n",
                            100 * spreadBest.confirmedPerSecond() / postgresMany, 100 * oneBest.confirmedPerSecond() / postgresMany);
                    System.out.println("spread mix, " + spreadBest.costLine());
                    System.out.println("one-product mix, " + oneBest.costLine());
                    System.out.println("spread mix (" + spread.products().size() + " products), best closed loop:");
                    printHeadline(spreadBest);
                    System.out.println("one-product mix, best closed loop:");
                    printHeadline(oneBest);
                }
            }
        }
    }

    /**
     * Orders at 16 clients, in rounds that take turns between the mixes, until the platform JVM's JIT compilers have
     * settled or {@code longest} has passed. This platform is one large JVM: on two cores its compilers were still busy
     * minutes into a run (at 15 orders/s its CPU per order fell by almost half between the first and the third minute),
     * so figures taken after a short warm-up measured the compilers as much as the orders. The compilers' time is the
     * JVM's own elapsed figure, which waiting for a busy CPU inflates: on two saturated cores it may never fall below
     * the threshold, and the first and last rounds' figures say how far it got.
     */
    private void warmUp(String base, List<Mix> mixes, List<Customer> customers, PlatformCost cost, Duration longest) throws Exception {
        // Every customer shows their token once before anything is measured: the platform verifies a token's signature
        // on its first use only, and the warm-up's 16 clients use 16 of them, so the open loop's first pass over the
        // other customers verified their tokens inside the measured window (3.5% of its JFR samples at 30 orders/s).
        customers.parallelStream().forEach(customer -> text(base, "/api/v1/users/me", customer.token()));
        long started = System.nanoTime();
        long compiledBefore = cost.compilationMillis();
        long compiled = compiledBefore;
        List<Long> roundsMillis = new ArrayList<>();
        while (System.nanoTime() - started < longest.toNanos()) {
            closedLoop(base, mixes.get(roundsMillis.size() % mixes.size()), customers, 16, WARM_UP_ROUND);
            long now = cost.compilationMillis();
            roundsMillis.add(now - compiled);
            compiled = now;
            if (roundsMillis.size() >= mixes.size() && jitSettled(roundsMillis.getLast(), WARM_UP_ROUND)) {
                break;
            }
        }
        System.out.printf("warmed up for %.0f s in %d rounds of %d s (JIT compilation %.0f s in all: %.1f s in the first round, %.1f s in the last)%n",
                (System.nanoTime() - started) / 1e9, roundsMillis.size(), WARM_UP_ROUND.toSeconds(), (compiled - compiledBefore) / 1e3,
                roundsMillis.isEmpty() ? 0 : roundsMillis.getFirst() / 1e3, roundsMillis.isEmpty() ? 0 : roundsMillis.getLast() / 1e3);
    }

    /** The compilers have settled when they were busy for less than a tenth of a round. */
    static boolean jitSettled(long compilationMillis, Duration round) {
        return compilationMillis * 10 < round.toMillis();
    }

    private static void printHeadline(Result result) {
        System.out.printf("%.1f confirmed orders/s, p50 %.0f ms, p99 %.0f ms%n", result.confirmedPerSecond(),
                result.latencies().percentileMillis(50), result.latencies().percentileMillis(99));
    }

    private record Result(double confirmedPerSecond, long confirmed, long failed, long refused, Latencies latencies, String costLine) {
    }

    /** The best of the closed loops at rising concurrency, each with its cost. */
    private Result fastest(String base, Mix mix, List<Customer> customers, Duration duration, PlatformCost cost) throws Exception {
        Result best = null;
        for (int clients : CONCURRENCY) {
            PlatformCost.Reading before = cost.read();
            long requestsBefore = clientRequests.sum();
            Result level = closedLoop(base, mix, customers, clients, duration);
            Pause.of(Duration.ofMillis(1500)); // PostgreSQL publishes its statistics at most once a second
            PlatformCost.Reading spent = cost.read().minus(before);
            String costLine = PlatformCost.perOrder(spent, level.confirmed(), clientRequests.sum() - requestsBefore);
            level = new Result(level.confirmedPerSecond(), level.confirmed(), level.failed(), level.refused(), level.latencies(), costLine);
            System.out.printf("%-12s closed loop, %3d clients %7.1f confirmed/s (%d confirmed, %d failed, %d refused); submit→CONFIRMED %s%n    %s%n    %s%n",
                    mix.name(), clients, level.confirmedPerSecond(), level.confirmed(), level.failed(), level.refused(),
                    level.latencies().summary(), costLine, PlatformCost.recordsByTopic(spent, level.confirmed()));
            if (best == null || level.confirmedPerSecond() > best.confirmedPerSecond()) {
                best = level;
            }
        }
        return best;
    }

    /** {@code clients} customers each placing an order and waiting for it to settle, again and again. */
    private Result closedLoop(String base, Mix mix, List<Customer> customers, int clients, Duration duration) throws InterruptedException {
        Latencies latencies = new Latencies();
        LongAdder confirmed = new LongAdder();
        LongAdder failed = new LongAdder();
        LongAdder refused = new LongAdder();
        long end = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            Customer customer = customers.get(client % customers.size());
            threads.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    long submitted = System.currentTimeMillis();
                    Submission submission = submit(base, customer, mix);
                    if (submission.refused()) {
                        // As a well-behaved client does (api.md): a refusal is asked again when it says, not sooner.
                        refused.increment();
                        Pause.of(submission.retryAfter());
                        continue;
                    }
                    if (submission.orderId() == null) {
                        failed.increment();
                        continue;
                    }
                    JsonNode settled = awaitSettled(base, customer, submission.orderId(), Duration.ofSeconds(60));
                    if (settled != null && "CONFIRMED".equals(settled.path("status").asString())) {
                        confirmed.increment();
                        latencies.record(Duration.ofMillis(Instant.parse(settled.path("updated_at").asString()).toEpochMilli() - submitted).toNanos());
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
        return new Result(confirmed.sum() / seconds, confirmed.sum(), failed.sum(), refused.sum(), latencies, "");
    }

    private record Accepted(String orderId, Customer customer, long submittedAtMillis) {
    }

    /**
     * Orders submitted at a fixed rate, whatever the answers; then every accepted order is followed until it settles,
     * and a probe measures how soon after the load a new order is accepted and confirmed.
     */
    private void openLoop(String base, Mix mix, List<Customer> customers, int rate, Duration duration, PlatformCost cost) throws Exception {
        PlatformCost.Reading before = cost.read();
        long requestsBefore = clientRequests.sum();
        Map<String, Accepted> accepted = new ConcurrentHashMap<>();
        LongAdder refused = new LongAdder();
        LongAdder errors = new LongAdder();
        long intervalNanos = 1_000_000_000L / rate;
        long total = rate * duration.toSeconds();
        CountDownLatch answered = new CountDownLatch((int) total);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long wait = start + i * intervalNanos - System.nanoTime();
            if (wait > 0) {
                Pause.of(Duration.ofNanos(wait));
            }
            Customer customer = customers.get((int) (i % customers.size()));
            long submittedAt = System.currentTimeMillis();
            Thread.ofVirtual().start(() -> {
                try {
                    Submission submission = submit(base, customer, mix);
                    if (submission.refused()) {
                        refused.increment();
                    } else if (submission.orderId() == null) {
                        errors.increment();
                    } else {
                        accepted.put(submission.orderId(), new Accepted(submission.orderId(), customer, submittedAt));
                    }
                } finally {
                    answered.countDown();
                }
            });
        }
        answered.await();
        long loadEnded = System.nanoTime();
        String recovery = probeAfterLoad(base, mix, customers.getFirst(), loadEnded);

        Latencies latencies = new Latencies();
        Map<String, LongAdder> failedBy = new ConcurrentHashMap<>();
        LongAdder confirmed = new LongAdder();
        LongAdder unsettled = new LongAdder();
        // Followed FOLLOWERS at a time: one by one, the follow-up of a minute's orders took minutes of an idle platform,
        // whose CPU the cost line then charged to the orders.
        Semaphore followers = new Semaphore(FOLLOWERS);
        List<Thread> following = new ArrayList<>();
        for (Accepted order : accepted.values()) {
            followers.acquire();
            following.add(Thread.ofVirtual().start(() -> {
                try {
                    JsonNode settled = awaitSettled(base, order.customer(), order.orderId(), Duration.ofSeconds(120));
                    if (settled == null) {
                        unsettled.increment();
                    } else if ("CONFIRMED".equals(settled.path("status").asString())) {
                        confirmed.increment();
                        latencies.record(Duration.ofMillis(Instant.parse(settled.path("updated_at").asString()).toEpochMilli()
                                - order.submittedAtMillis()).toNanos());
                    } else {
                        failedBy.computeIfAbsent(settled.path("failure_reason").asString("unknown"), r -> new LongAdder()).increment();
                    }
                } finally {
                    followers.release();
                }
            }));
        }
        for (Thread follower : following) {
            follower.join();
        }
        Pause.of(Duration.ofMillis(1500));
        PlatformCost.Reading spent = cost.read().minus(before);
        String costLine = PlatformCost.perOrder(spent, confirmed.sum(), clientRequests.sum() - requestsBefore);
        System.out.printf("offered %d orders at %d/s: %d accepted, %d refused (503 overloaded), %d other errors%n",
                total, rate, accepted.size(), refused.sum(), errors.sum());
        System.out.printf("accepted orders: %d confirmed, %d failed %s, %d unsettled after 120 s%n", confirmed.sum(),
                failedBy.values().stream().mapToLong(LongAdder::sum).sum(), failedBy, unsettled.sum());
        System.out.printf("accepted orders, submit→CONFIRMED: %s%n", latencies.summary());
        System.out.println(recovery);
        System.out.println(costLine);
        System.out.println(PlatformCost.recordsByTopic(spent, confirmed.sum()));
    }

    /** After the load: how soon a new order is accepted, and how long that one takes to confirm. */
    private String probeAfterLoad(String base, Mix mix, Customer customer, long loadEnded) {
        while (System.nanoTime() - loadEnded < Duration.ofSeconds(30).toNanos()) {
            long submitted = System.currentTimeMillis();
            Submission probe = submit(base, customer, mix);
            if (probe.orderId() != null) {
                double acceptedAfter = (System.nanoTime() - loadEnded) / 1e9;
                JsonNode settled = awaitSettled(base, customer, probe.orderId(), Duration.ofSeconds(30));
                String outcome = settled == null ? "unsettled after 30 s" : settled.path("status").asString() + " after "
                        + (Instant.parse(settled.path("updated_at").asString()).toEpochMilli() - submitted) + " ms";
                return String.format("after the load stopped: a new order was accepted %.1f s later and was %s", acceptedAfter, outcome);
            }
            Pause.of(Duration.ofMillis(250));
        }
        return "after the load stopped: no new order was accepted within 30 s";
    }

    /** An order's submission: its id if accepted; if refused as overloaded, when the platform said to try again. */
    private record Submission(String orderId, Duration retryAfter) {

        boolean refused() {
            return retryAfter != null;
        }
    }

    private Submission submit(String base, Customer customer, Mix mix) {
        HttpResponse<String> response = exchange(base, "POST", "/api/v1/orders", customer.token(), UUID.randomUUID().toString(), Map.of(
                "items", List.of(Map.of("product_id", mix.pick(), "quantity", 1)),
                "shipping_address", Map.of("street", "1 Bench St", "city", "Load", "zip", "10000", "country", "US"),
                "payment_method", Map.of("type", "card", "card_token", "tok_visa")));
        if (response == null) {
            return new Submission(null, null);
        }
        if (response.statusCode() == 503 && response.body().contains("\"overloaded\"")) {
            return new Submission(null, Duration.ofSeconds(Math.max(1, response.headers().firstValueAsLong("Retry-After").orElse(1))));
        }
        if (response.statusCode() != 202) {
            return new Submission(null, null);
        }
        return new Submission(JSON.readTree(response.body()).path("order_id").asString(null), null);
    }

    /**
     * Polls the order's status until the saga is over, as a storefront would: first after 100 ms (about what a
     * checkout takes), then backing off, doubling to 400 ms. The status's {@code updated_at} is when the status last
     * changed, so the back-off does not blur the latency, and the polls spare the machine's CPU for the checkouts.
     */
    private JsonNode awaitSettled(String base, Customer customer, String orderId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 100;
        Pause.of(Duration.ofMillis(pause));
        while (System.nanoTime() < deadline) {
            HttpResponse<String> status = exchange(base, "GET", "/api/v1/orders/" + orderId + "/status", customer.token(), null, null);
            if (status != null && status.statusCode() == 200) {
                JsonNode answer = JSON.readTree(status.body());
                if (!"PENDING".equals(answer.path("status").asString())) {
                    return answer;
                }
            }
            Pause.of(Duration.ofMillis(pause));
            pause = Math.min(400, pause * 2);
        }
        return null;
    }

    private List<String> products(String base, String admin, int count) {
        List<String> products = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode product = send(base, "POST", "/api/v1/admin/products", admin, Map.of("sku", "BENCH-" + UUID.randomUUID(),
                    "name", "Bench item " + i, "base_price", new BigDecimal("19.99")));
            String id = product.path("product_id").asString();
            send(base, "PUT", "/api/v1/admin/inventory/" + id, admin, Map.of("warehouse_id", "wh_main", "quantity_total", 10_000_000));
            products.add(id);
        }
        return products;
    }

    private List<Customer> customers(String base, int count) throws InterruptedException {
        List<Customer> customers = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int worker = 0; worker < 4; worker++) {
            int first = worker;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = first; i < count; i += 4) {
                    String email = "bench-" + UUID.randomUUID() + "@example.com";
                    send(base, "POST", "/api/v1/auth/register", null, Map.of("email", email, "password", "bench password"));
                    customers.add(new Customer(login(base, email, "bench password")));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return List.copyOf(customers);
    }

    private String login(String base, String email, String password) {
        return send(base, "POST", "/api/v1/auth/login", null, Map.of("email", email, "password", password)).path("access_token").asString();
    }

    private JsonNode send(String base, String method, String path, String token, Object body) {
        HttpResponse<String> response = exchange(base, method, path, token, null, body);
        if (response == null || response.statusCode() >= 400) {
            throw new IllegalStateException(method + " " + path + " answered " + (response == null ? "nothing" : response.statusCode() + ": " + response.body()));
        }
        return JSON.readTree(response.body());
    }

    private String text(String base, String path, String token) {
        HttpResponse<String> response = exchange(base, "GET", path, token, null, null);
        if (response == null || response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + (response == null ? "nothing" : response.statusCode()));
        }
        return response.body();
    }

    /** One request; null when no answer came. Counted, so the cost line can tell the clients' requests from the platform's own. */
    private HttpResponse<String> exchange(String base, String method, String path, String token, String idempotencyKey, Object body) {
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
        clientRequests.increment();
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
