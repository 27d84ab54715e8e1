package dev.checkout.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./checkout bench reserve}: one hot SKU, many buyers, through the inventory's real command channel: the
 * platform runs as {@code ./checkout run} starts it, and the bench sends {@code ReserveStock} commands on
 * {@code inventory-commands} (the message contract of {@code inventory-api}, as the order saga does) and reads the
 * answers on {@code inventory-replies}. {@code --concurrency} callers each wait for an answer before asking again. It
 * prints accepted reservations/s (each one the Redis gate, then PostgreSQL's conditional update on the SKU's stock
 * row, a poll's worth sharing one commit) and sold-out refusals/s (the gate refuses them without a transaction), each
 * with p50/p99 from send to answer. In the same run it measures the two limits: the commit rate of a single-row
 * conditional update (a pgbench-style loop) and Redis's rate for an equivalent Lua check-and-decrement
 * ({@code redis-benchmark} EVALSHA when it is installed, and a Lettuce loop from this JVM), and prints the ratios.
 */
public final class ReserveBench implements Bench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_PASSWORD = "bench-admin-password";

    /** Equivalent to the gate's work on one line: check the units, decrement them, or refuse. */
    static final String CHECK_AND_DECREMENT = """
            local available = tonumber(redis.call('GET', KEYS[1]))
            if available >= tonumber(ARGV[1]) then
              return redis.call('DECRBY', KEYS[1], ARGV[1])
            end
            return -1""";

    @Override
    public String usage() {
        return "one hot SKU through inventory's command channel: accepted reservations/s and sold-out refusals/s vs PostgreSQL's and "
                + "Redis's limits [--units 10000] [--attempts 50000] [--concurrency 64] [--limit-seconds 5] [--sessions 20]";
    }

    @Override
    public void run(List<String> arguments) throws Exception {
        BenchOptions options = new BenchOptions(arguments);
        int units = options.integer("units", 10_000);
        int attempts = options.integer("attempts", 50_000);
        int concurrency = options.integer("concurrency", 64);
        int sessions = options.integer("sessions", 20);
        Duration limitRun = options.duration("limit-seconds", Duration.ofSeconds(5));

        System.out.println("starting the platform (all services in one process, embedded servers)…");
        try (Platform platform = Platform.start(ADMIN_PASSWORD, List.of());
             CommandChannel channel = new CommandChannel(platform.kafkaBootstrapServers())) {
            Admin admin = new Admin(platform.baseUrl());
            System.out.println("warming up…");
            reserve(channel, admin.stockedProduct(2_000), 2_000, 8_000, concurrency);
            Run run = reserve(channel, admin.stockedProduct(units), units, attempts, concurrency);
            Limit postgres = postgresLimit(platform.jdbcUrl(), sessions, limitRun);
            Limit redisLoop = redisLimit(platform.redisUrl(), concurrency, limitRun);
            Optional<Double> redisBenchmark = redisBenchmark(platform.redisUrl());
            print(units, attempts, concurrency, sessions, limitRun, run, postgres, redisLoop, redisBenchmark);
        }
    }

    /** The admin API, to create and stock the hot product. */
    private static final class Admin {
        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;
        private final String token;

        Admin(String base) throws Exception {
            this.base = base;
            this.token = send("POST", "/api/v1/auth/login", null, Map.of("email", "admin@localhost", "password", ADMIN_PASSWORD))
                    .path("access_token").asString();
        }

        String stockedProduct(int units) throws Exception {
            String product = send("POST", "/api/v1/admin/products", token, Map.of("sku", "RESERVE-" + UUID.randomUUID(),
                    "name", "Hot item", "base_price", new BigDecimal("9.99"))).path("product_id").asString();
            send("PUT", "/api/v1/admin/inventory/" + product, token, Map.of("warehouse_id", "wh_main", "quantity_total", units));
            return product;
        }

        private JsonNode send(String method, String path, String bearer, Object body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }
    }

    /**
     * {@code ReserveStock} commands out on {@code inventory-commands}, the answers back from {@code inventory-replies}:
     * each command's future completes with whether it was reserved.
     */
    private static final class CommandChannel implements AutoCloseable {
        private final KafkaProducer<String, String> producer;
        private final KafkaConsumer<String, String> consumer;
        private final Map<String, CompletableFuture<Boolean>> waiting = new ConcurrentHashMap<>();
        private final Thread reader;
        private volatile boolean open = true;

        CommandChannel(String bootstrapServers) {
            Properties producerSettings = new Properties();
            producerSettings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
            producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producerSettings.put(ProducerConfig.LINGER_MS_CONFIG, 1);
            producer = new KafkaProducer<>(producerSettings, new StringSerializer(), new StringSerializer());
            Properties consumerSettings = new Properties();
            consumerSettings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            consumerSettings.put(ConsumerConfig.GROUP_ID_CONFIG, "reserve-bench-" + UUID.randomUUID());
            consumerSettings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            consumer = new KafkaConsumer<>(consumerSettings, new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of("inventory-replies"));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100)); // joins the group, so no answer is missed
            }
            reader = Thread.ofPlatform().name("reserve-bench-replies").start(this::read);
        }

        CompletableFuture<Boolean> reserve(String owner, String product, Instant expiresAt) {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            waiting.put(owner, answer);
            String eventId = "evt_bench_" + UUID.randomUUID().toString().replace("-", "");
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("event_id", eventId);
            envelope.put("event_type", "ReserveStock");
            envelope.put("order_id", owner);
            envelope.put("occurred_at", Instant.now().toString());
            envelope.put("source", "reserve-bench");
            envelope.put("schema_version", 1);
            envelope.put("payload", Map.of("owner_id", owner, "lines", List.of(Map.of("product_id", product, "quantity", 1)),
                    "expires_at", expiresAt.toString()));
            ProducerRecord<String, String> record = new ProducerRecord<>("inventory-commands", owner, JSON.writeValueAsString(envelope));
            record.headers().add("event_id", eventId.getBytes(StandardCharsets.UTF_8));
            record.headers().add("event_type", "ReserveStock".getBytes(StandardCharsets.UTF_8));
            producer.send(record);
            return answer;
        }

        private void read() {
            while (open) {
                for (ConsumerRecord<String, String> reply : consumer.poll(Duration.ofMillis(100))) {
                    CompletableFuture<Boolean> answer = waiting.remove(reply.key());
                    if (answer != null) {
                        String type = JSON.readTree(reply.value()).path("event_type").asString();
                        answer.complete("StockReserved".equals(type));
                    }
                }
            }
            consumer.close();
        }

        @Override
        public void close() throws InterruptedException {
            open = false;
            reader.join();
            producer.close();
        }
    }

    /** What happened to every attempt of the measured run. */
    record Run(int accepted, int refused, Latencies acceptedLatency, Latencies refusedLatency, long soldOutAfterNanos,
               long refusalsAfterSoldOut, long refusalPhaseNanos) {
    }

    private static Run reserve(CommandChannel channel, String product, int units, int attempts, int concurrency) throws Exception {
        Instant expiresAt = Instant.now().plus(Duration.ofHours(1));
        Latencies acceptedLatency = new Latencies();
        Latencies refusedLatency = new Latencies();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicLong lastAcceptedAt = new AtomicLong();
        AtomicLong refusalsAfterSoldOut = new AtomicLong();
        AtomicLong soldOutAt = new AtomicLong(Long.MAX_VALUE);
        long started = System.nanoTime();
        try (ExecutorService callers = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                running.add(callers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < attempts; i = next.getAndIncrement()) {
                        long begin = System.nanoTime();
                        String owner = "order_bench" + UUID.randomUUID().toString().replace("-", "");
                        boolean reserved = channel.reserve(owner, product, expiresAt).get(60, TimeUnit.SECONDS);
                        long end = System.nanoTime();
                        if (reserved) {
                            acceptedLatency.record(end - begin);
                            lastAcceptedAt.accumulateAndGet(end, Math::max);
                            if (accepted.incrementAndGet() == units) {
                                soldOutAt.set(end);
                            }
                        } else {
                            refusedLatency.record(end - begin);
                            refused.incrementAndGet();
                            if (begin >= soldOutAt.get()) {
                                refusalsAfterSoldOut.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> caller : running) {
                caller.get();
            }
        }
        long finished = System.nanoTime();
        long soldOut = soldOutAt.get() == Long.MAX_VALUE ? finished : soldOutAt.get();
        return new Run(accepted.get(), refused.get(), acceptedLatency, refusedLatency, lastAcceptedAt.get() - started,
                refusalsAfterSoldOut.get(), finished - soldOut);
    }

    /** A measured limit: operations per second, with latencies. */
    record Limit(String what, long operations, long nanos, Latencies latency) {
        double perSecond() {
            return operations / (nanos / 1e9);
        }
    }

    /** pgbench-style: sessions in autocommit hammering one row with the conditional update a reservation makes. */
    private static Limit postgresLimit(String jdbcUrl, int sessions, Duration duration) throws Exception {
        System.out.println("measuring PostgreSQL's single-row conditional update…");
        try (Connection setup = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement statement = setup.createStatement()) {
            statement.execute("create schema if not exists bench");
            statement.execute("drop table if exists bench.hot_row");
            statement.execute("""
                    create table bench.hot_row (id int primary key, quantity_total int not null,
                        quantity_reserved int not null default 0, check (quantity_reserved <= quantity_total))""");
            statement.execute("insert into bench.hot_row (id, quantity_total) values (1, 2000000000)");
        }
        Latencies latency = new Latencies();
        AtomicLong commits = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(sessions)) {
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                running.add(clients.submit(() -> {
                    try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                         PreparedStatement update = connection.prepareStatement("""
                                 update bench.hot_row set quantity_reserved = quantity_reserved + ?
                                 where id = 1 and quantity_total - quantity_reserved >= ?""")) {
                        connection.setAutoCommit(true);
                        update.setInt(1, 1);
                        update.setInt(2, 1);
                        while (System.nanoTime() < deadline) {
                            long begin = System.nanoTime();
                            if (update.executeUpdate() == 1) {
                                commits.incrementAndGet();
                            }
                            latency.record(System.nanoTime() - begin);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            try (Connection cleanup = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                 Statement statement = cleanup.createStatement()) {
                statement.execute("drop schema bench cascade");
            } catch (SQLException ignored) {
                // the data directory is thrown away with the run's own servers anyway
            }
        }
        return new Limit("PostgreSQL single-row conditional update, autocommit, " + sessions + " sessions",
                commits.get(), System.nanoTime() - started, latency);
    }

    /** A raw Lettuce loop from this JVM: the same client and connection model the gate uses, without the service. */
    private static Limit redisLimit(String redisUrl, int callers, Duration duration) throws Exception {
        System.out.println("measuring Redis's Lua check-and-decrement (Lettuce loop)…");
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String key = "{bench}:hot-sku";
            connection.sync().set(key, Long.toString(Long.MAX_VALUE / 2));
            String sha = connection.sync().scriptLoad(CHECK_AND_DECREMENT);
            Latencies latency = new Latencies();
            AtomicLong calls = new AtomicLong();
            long deadline = System.nanoTime() + duration.toNanos();
            long started = System.nanoTime();
            try (ExecutorService threads = Executors.newFixedThreadPool(callers)) {
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < callers; c++) {
                    running.add(threads.submit(() -> {
                        while (System.nanoTime() < deadline) {
                            long begin = System.nanoTime();
                            connection.sync().evalsha(sha, ScriptOutputType.INTEGER, new String[] {key}, "1");
                            latency.record(System.nanoTime() - begin);
                            calls.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> caller : running) {
                    caller.get();
                }
            }
            connection.sync().del(key);
            return new Limit("Redis EVALSHA check-and-decrement, Lettuce from this JVM, " + callers + " callers on one connection",
                    calls.get(), System.nanoTime() - started, latency);
        } finally {
            client.shutdown();
        }
    }

    /** {@code redis-benchmark} running the same script by digest, when it is installed: the server's own limit. */
    private static Optional<Double> redisBenchmark(String redisUrl) throws Exception {
        Optional<Path> tool = java.util.stream.Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(directory -> Path.of(directory, "redis-benchmark")).filter(Files::isExecutable).findFirst();
        if (tool.isEmpty()) {
            return Optional.empty();
        }
        System.out.println("measuring Redis's Lua check-and-decrement (redis-benchmark)…");
        java.net.URI uri = java.net.URI.create(redisUrl);
        RedisClient client = RedisClient.create(redisUrl);
        String sha;
        String key = "{bench}:hot-sku-rb";
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            sha = connection.sync().scriptLoad(CHECK_AND_DECREMENT);
            connection.sync().set(key, Long.toString(Long.MAX_VALUE / 2));
        }
        Process process = new ProcessBuilder(tool.get().toString(), "-h", uri.getHost(), "-p", Integer.toString(uri.getPort()),
                "-c", "50", "-n", "200000", "-q", "EVALSHA", sha, "1", key, "1").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(120, TimeUnit.SECONDS);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().del(key);
        } finally {
            client.shutdown();
        }
        Matcher rate = Pattern.compile("([0-9.]+) requests per second").matcher(output);
        String last = null;
        while (rate.find()) {
            last = rate.group(1);
        }
        return Optional.ofNullable(last).map(Double::valueOf);
    }

    private static void print(int units, int attempts, int concurrency, int sessions, Duration limitRun, Run run, Limit postgres,
                              Limit redisLoop, Optional<Double> redisBenchmark) {
        double acceptedPerSecond = run.accepted() / (run.soldOutAfterNanos() / 1e9);
        double refusedPerSecond = run.refusalPhaseNanos() == 0 ? 0 : run.refusalsAfterSoldOut() / (run.refusalPhaseNanos() / 1e9);
        System.out.println();
        System.out.printf("reserve bench: one SKU with %,d units, %,d attempts of 1 unit by %d callers, through inventory-commands "
                + "(Redis gate, then PostgreSQL, a poll's commands in one transaction)%n", units, attempts, concurrency);
        System.out.printf("  accepted reservations  %,7d   %,9.0f /s   p50 %7.2f ms   p99 %7.2f ms   (first attempt to last acceptance: %.2f s)%n",
                run.accepted(), acceptedPerSecond, run.acceptedLatency().percentileMillis(50), run.acceptedLatency().percentileMillis(99),
                run.soldOutAfterNanos() / 1e9);
        System.out.printf("  sold-out refusals      %,7d   %,9.0f /s   p50 %7.2f ms   p99 %7.2f ms   (%,d refusals begun after sell-out, over %.2f s)%n",
                run.refused(), refusedPerSecond, run.refusedLatency().percentileMillis(50), run.refusedLatency().percentileMillis(99),
                run.refusalsAfterSoldOut(), run.refusalPhaseNanos() / 1e9);
        System.out.printf("  oversold               %,7d%n", Math.max(0, run.accepted() - units));
        System.out.printf("limits, measured in the same run (%.0f s each):%n", limitRun.toMillis() / 1000.0);
        System.out.printf("  %-95s %,9.0f /s   p50 %7.2f ms   p99 %7.2f ms%n", postgres.what(), postgres.perSecond(),
                postgres.latency().percentileMillis(50), postgres.latency().percentileMillis(99));
        System.out.printf("  %-95s %,9.0f /s   p50 %7.2f ms   p99 %7.2f ms%n", redisLoop.what(), redisLoop.perSecond(),
                redisLoop.latency().percentileMillis(50), redisLoop.latency().percentileMillis(99));
        redisBenchmark.ifPresentOrElse(
                rate -> System.out.printf("  %-95s %,9.0f /s%n", "Redis EVALSHA check-and-decrement, redis-benchmark -c 50 -n 200000", rate),
                () -> System.out.println("  (redis-benchmark not installed: no server-side Redis figure)"));
        System.out.println("ratios:");
        System.out.printf("  accepted/s ÷ PostgreSQL limit          %5.1f %%   (aim ≥ 50 %%)%n", 100 * acceptedPerSecond / postgres.perSecond());
        redisBenchmark.ifPresent(rate -> System.out.printf("  refusals/s ÷ Redis limit (redis-benchmark) %5.1f %%   (aim ≥ 25 %%)%n",
                100 * refusedPerSecond / rate));
        System.out.printf("  refusals/s ÷ Redis limit (Lettuce loop) %5.1f %%%n", 100 * refusedPerSecond / redisLoop.perSecond());
    }
}
