package dev.checkout.platform.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three real servers the platform needs, started side by side on free local ports with their data under one
 * directory. Running again on the same directory keeps all data.
 */
public final class EmbeddedServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);

    private final PostgresServer postgres;
    private final RedisServerProcess redis;
    private final KafkaBrokerProcess kafka;
    private final Duration startup;

    private EmbeddedServers(PostgresServer postgres, RedisServerProcess redis, KafkaBrokerProcess kafka, Duration startup) {
        this.postgres = postgres;
        this.redis = redis;
        this.kafka = kafka;
        this.startup = startup;
    }

    /** Starts PostgreSQL, Redis and Kafka in parallel and returns once all three accept clients. */
    public static EmbeddedServers start(Path dataDirectory) {
        return start(dataDirectory, true, true, true);
    }

    /** Starts the servers asked for (the others are elsewhere, {@code null} here), in parallel. */
    public static EmbeddedServers start(Path dataDirectory, boolean withPostgres, boolean withRedis, boolean withKafka) {
        long started = System.nanoTime();
        var postgres = withPostgres ? new PostgresServer(dataDirectory.resolve("postgres"), FreePorts.next()) : null;
        var redis = withRedis ? new RedisServerProcess(dataDirectory.resolve("redis"), FreePorts.next()) : null;
        var kafka = withKafka ? new KafkaBrokerProcess(dataDirectory.resolve("kafka"), FreePorts.next(), FreePorts.next()) : null;
        List<ManagedServer> servers = java.util.stream.Stream.<ManagedServer>of(postgres, redis, kafka).filter(java.util.Objects::nonNull).toList();
        try {
            CompletableFuture.allOf(servers.stream()
                    .map(server -> CompletableFuture.runAsync(server::start, task -> Thread.ofPlatform().name(server.name() + "-start").start(task)))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            servers.forEach(EmbeddedServers::closeQuietly);
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        var embedded = new EmbeddedServers(postgres, redis, kafka, Duration.ofNanos(System.nanoTime() - started));
        log.info("servers ready in {} ms: {}", embedded.startup.toMillis(), embedded.describe());
        return embedded;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public RedisServerProcess redis() {
        return redis;
    }

    public KafkaBrokerProcess kafka() {
        return kafka;
    }

    public String describe() {
        List<String> parts = new java.util.ArrayList<>();
        if (postgres != null) {
            parts.add("PostgreSQL " + postgres.jdbcUrl());
        }
        if (redis != null) {
            parts.add("Redis " + redis.url());
        }
        if (kafka != null) {
            parts.add("Kafka " + kafka.bootstrapServers());
        }
        return String.join(", ", parts);
    }

    /** The Spring settings that point a process at the servers started here. */
    public java.util.Map<String, String> springProperties() {
        java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
        if (postgres != null) {
            properties.put("spring.datasource.url", postgres.jdbcUrl());
            properties.put("spring.datasource.username", PostgresServer.USER);
            properties.put("spring.datasource.password", "postgres");
        }
        if (redis != null) {
            properties.put("spring.data.redis.url", redis.url());
        }
        if (kafka != null) {
            properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        }
        return properties;
    }

    /** Stops all three, Kafka first so no client of it outlives the databases for long. */
    @Override
    public void close() {
        closeQuietly(kafka);
        closeQuietly(redis);
        closeQuietly(postgres);
    }

    private static void closeQuietly(ManagedServer server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (RuntimeException e) {
            log.warn("{} did not stop cleanly: {}", server.name(), e.toString());
        }
    }
}
