package dev.checkout.bench;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.checkout.inventory.InventoryServiceConfiguration;
import dev.checkout.inventory.ReservationBenchmarkAccess;
import dev.checkout.platform.infra.EmbeddedServers;
import dev.checkout.platform.infra.ServerAddresses;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * {@code ./checkout bench reserve}: one hot SKU, many buyers. Drives reservations through the inventory service
 * in-process (the Redis gate, then PostgreSQL, as the command channel runs them) and prints accepted reservations/s
 * (bounded by PostgreSQL: each is a transaction on the SKU's stock row) and sold-out refusals/s (bounded by Redis: the
 * gate refuses them without a transaction), each with p50/p99. In the same run it measures the two limits: the commit
 * rate of a single-row conditional update (a pgbench-style loop, as many sessions as the service's connection pool)
 * and Redis's rate for an equivalent Lua check-and-decrement ({@code redis-benchmark} EVALSHA when it is installed,
 * and a Lettuce loop from this JVM), and prints the ratios.
 */
public final class ReserveBench implements Bench {

    /** Equivalent to the gate's work on one line: check the units, decrement them, or refuse. */
    static final String CHECK_AND_DECREMENT = """
            local available = tonumber(redis.call('GET', KEYS[1]))
            if available >= tonumber(ARGV[1]) then
              return redis.call('DECRBY', KEYS[1], ARGV[1])
            end
            return -1""";

    @Override
    public String usage() {
        return "one hot SKU: accepted reservations/s and sold-out refusals/s vs PostgreSQL's and Redis's limits "
                + "[--units 10000] [--attempts 50000] [--concurrency 64] [--limit-seconds 5] [--pool 20] [--addresses-file FILE]";
    }

    @Override
    public void run(List<String> arguments) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        BenchOptions options = new BenchOptions(arguments);
        int units = options.integer("units", 10_000);
        int attempts = options.integer("attempts", 50_000);
        int concurrency = options.integer("concurrency", 64);
        int pool = options.integer("pool", 20);
        Duration limitRun = options.duration("limit-seconds", Duration.ofSeconds(5));

        EmbeddedServers ownServers = null;
        ServerAddresses servers;
        if (options.has("addresses-file")) {
            servers = ServerAddresses.read(Path.of(options.text("addresses-file", null)));
        } else {
            System.out.println("starting PostgreSQL, Redis and Kafka…");
            ownServers = EmbeddedServers.start(Files.createTempDirectory("checkout-bench-reserve-"));
            servers = ServerAddresses.of(ownServers);
        }
        ConfigurableApplicationContext inventory = null;
        try {
            System.out.println("starting the inventory service in-process…");
            inventory = startInventory(servers, pool);
            ReservationBenchmarkAccess access = ReservationBenchmarkAccess.of(inventory);
            awaitGate(access);

            warmUp(access, concurrency);
            Run run = reserve(access, "prod_bench_" + System.nanoTime(), units, attempts, concurrency);
            Limit postgres = postgresLimit(servers, pool, limitRun);
            Limit redisLoop = redisLimit(servers, concurrency, limitRun);
            Optional<Double> redisBenchmark = redisBenchmark(servers);

            print(units, attempts, concurrency, pool, limitRun, run, postgres, redisLoop, redisBenchmark);
        } finally {
            if (inventory != null) {
                inventory.close();
            }
            if (ownServers != null) {
                ownServers.close();
            }
        }
    }

    /** The inventory service alone on the platform, as a process of its own would run it. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(InventoryServiceConfiguration.class)
    static class InventoryAlone {
    }

    private static ConfigurableApplicationContext startInventory(ServerAddresses servers, int pool) {
        SpringApplication application = new SpringApplication(InventoryAlone.class);
        Map<String, Object> properties = new HashMap<>(servers.asSpringProperties());
        properties.put("server.port", "0");
        properties.put("spring.datasource.hikari.maximum-pool-size", Integer.toString(pool));
        properties.put("spring.main.banner-mode", "off");
        application.setDefaultProperties(properties);
        return application.run();
    }

    private static void awaitGate(ReservationBenchmarkAccess access) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!access.gateTrusted()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the inventory gate did not come up within 60 s");
            }
            Thread.sleep(100); // polling a flag outside any test: nothing to synchronise with but time
        }
    }

    /** A short run on another SKU first, so the measured run meets compiled code and warm pools. */
    private static void warmUp(ReservationBenchmarkAccess access, int concurrency) throws Exception {
        System.out.println("warming up…");
        reserve(access, "prod_warmup_" + System.nanoTime(), 2_000, 8_000, concurrency);
    }

    /** What happened to every attempt of the measured run. */
    record Run(int accepted, int refused, Latencies acceptedLatency, Latencies refusedLatency, long soldOutAfterNanos,
               long refusalsAfterSoldOut, long refusalPhaseNanos) {
    }

    private static Run reserve(ReservationBenchmarkAccess access, String product, int units, int attempts, int concurrency)
            throws Exception {
        access.stock(product, "wh_bench", units);
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
                        boolean reserved = access.reserve("order_bench_" + product + "_" + i, product, 1, expiresAt);
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
    private static Limit postgresLimit(ServerAddresses servers, int sessions, Duration duration) throws Exception {
        System.out.println("measuring PostgreSQL's single-row conditional update…");
        try (Connection setup = DriverManager.getConnection(servers.jdbcUrl(), servers.username(), servers.password());
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
                    try (Connection connection = DriverManager.getConnection(servers.jdbcUrl(), servers.username(), servers.password());
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
            try (Connection cleanup = DriverManager.getConnection(servers.jdbcUrl(), servers.username(), servers.password());
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
    private static Limit redisLimit(ServerAddresses servers, int callers, Duration duration) throws Exception {
        System.out.println("measuring Redis's Lua check-and-decrement (Lettuce loop)…");
        RedisClient client = RedisClient.create(servers.redisUrl());
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
    private static Optional<Double> redisBenchmark(ServerAddresses servers) throws Exception {
        Optional<Path> tool = java.util.stream.Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(directory -> Path.of(directory, "redis-benchmark")).filter(Files::isExecutable).findFirst();
        if (tool.isEmpty()) {
            return Optional.empty();
        }
        System.out.println("measuring Redis's Lua check-and-decrement (redis-benchmark)…");
        java.net.URI uri = java.net.URI.create(servers.redisUrl());
        RedisClient client = RedisClient.create(servers.redisUrl());
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

    private static void print(int units, int attempts, int concurrency, int pool, Duration limitRun, Run run, Limit postgres,
                              Limit redisLoop, Optional<Double> redisBenchmark) {
        double acceptedPerSecond = run.accepted() / (run.soldOutAfterNanos() / 1e9);
        double refusedPerSecond = run.refusalPhaseNanos() == 0 ? 0 : run.refusalsAfterSoldOut() / (run.refusalPhaseNanos() / 1e9);
        System.out.println();
        System.out.printf("reserve bench: one SKU with %,d units, %,d attempts of 1 unit by %d callers, in-process "
                + "(Redis gate, then PostgreSQL; connection pool %d)%n", units, attempts, concurrency, pool);
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
