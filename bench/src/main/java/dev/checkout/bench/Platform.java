package dev.checkout.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.checkout.platform.infra.FreePorts;

/**
 * The whole platform as a user runs it ({@code ./checkout run}: all services in one process on embedded servers),
 * started as a child process for a benchmark, on a fresh data directory and free ports.
 */
final class Platform implements AutoCloseable {

    private static final Pattern POSTGRES = Pattern.compile("PostgreSQL (jdbc:postgresql://[^,\\s]+)");
    private static final Pattern KAFKA = Pattern.compile("Kafka ([^,\\s]+)");
    private static final Pattern REDIS = Pattern.compile("Redis (redis://[^,\\s]+)");

    private final Process process;
    private final int port;
    private final int gatewayPort;
    private final Path dataDirectory;
    private final AtomicReference<String> jdbcUrl = new AtomicReference<>();
    private final AtomicReference<String> kafkaBootstrapServers = new AtomicReference<>();
    private final AtomicReference<String> redisUrl = new AtomicReference<>();

    private Platform(Process process, int port, int gatewayPort, Path dataDirectory) {
        this.process = process;
        this.port = port;
        this.gatewayPort = gatewayPort;
        this.dataDirectory = dataDirectory;
    }

    static Platform start(String adminPassword, List<String> extraArguments) {
        String jar = System.getProperty("checkout.app.jar", "app/target/checkout-app.jar");
        int port = FreePorts.next();
        int gatewayPort = FreePorts.next();
        try {
            Path data = Files.createTempDirectory("checkout-bench-");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms512m", "-Xmx1g", "-XX:+UseG1GC"));
            // To profile the platform under the benchmark's load: CHECKOUT_BENCH_PLATFORM_JVM_OPTIONS="-XX:StartFlightRecording=filename=platform.jfr"
            String jvmOptions = System.getenv().getOrDefault("CHECKOUT_BENCH_PLATFORM_JVM_OPTIONS", "");
            if (!jvmOptions.isBlank()) {
                command.addAll(List.of(jvmOptions.trim().split("\\s+")));
            }
            command.addAll(List.of(
                    "-Dcheckout.kafka-broker.jar=" + System.getProperty("checkout.kafka-broker.jar", ""),
                    "-jar", jar, "run", "--port", Integer.toString(port), "--gateway-port", Integer.toString(gatewayPort),
                    "--data-dir", data.toString(), "--logging.level.root=WARN"));
            command.addAll(extraArguments);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // Load generators send every call from one address: rate limits would measure themselves.
            builder.environment().put("CHECKOUT_RATE_LIMITS_ENABLED", "false");
            builder.environment().put("CHECKOUT_ADMIN_PASSWORD", adminPassword);
            builder.environment().put("CHECKOUT_DEMO_CATALOGUE_ENABLED", "false"); // benches make the products they measure
            Platform platform = new Platform(builder.start(), port, gatewayPort, data);
            platform.follow();
            try {
                platform.awaitHealthy(Duration.ofMinutes(6));
            } catch (RuntimeException notReady) {
                platform.close(); // a platform that never got ready must not outlive the bench
                throw notReady;
            }
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The platform's process, whose descendants are the servers it started. */
    ProcessHandle process() {
        return process.toHandle();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    /** The embedded PostgreSQL's pid file, in the platform's data directory (PostgresServer keeps it under postgres/data). */
    Path postmasterPidFile() {
        return dataDirectory.resolve("postgres").resolve("data").resolve("postmaster.pid");
    }

    /** The platform's data directory (a fresh temporary one): its identity signing key is in {@code secrets/}. */
    Path dataDirectory() {
        return dataDirectory;
    }

    /** The embedded Redis's address, as the platform printed it. */
    String redisUrl() {
        return redisUrl.get();
    }

    /** The embedded Kafka broker's address, as the platform printed it. */
    String kafkaBootstrapServers() {
        return kafkaBootstrapServers.get();
    }

    /** The embedded PostgreSQL's address, as the platform printed it. */
    String jdbcUrl() {
        return jdbcUrl.get();
    }

    private void follow() {
        Thread.ofPlatform().daemon(true).name("platform-output").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher matcher = POSTGRES.matcher(line);
                    if (matcher.find()) {
                        jdbcUrl.compareAndSet(null, matcher.group(1));
                    }
                    Matcher redis = REDIS.matcher(line);
                    if (redis.find()) {
                        redisUrl.compareAndSet(null, redis.group(1));
                    }
                    Matcher kafka = KAFKA.matcher(line);
                    if (kafka.find()) {
                        kafkaBootstrapServers.compareAndSet(null, kafka.group(1));
                    }
                    if (line.contains("ERROR") || line.contains("Exception")) {
                        System.err.println("  platform: " + line);
                    }
                }
            } catch (IOException ignored) {
                // the platform stopped
            }
        });
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the platform exited with " + process.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200 && jdbcUrl.get() != null) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Pause.of(Duration.ofMillis(250));
        }
        throw new IllegalStateException("the platform was not ready within " + timeout);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dataDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}
