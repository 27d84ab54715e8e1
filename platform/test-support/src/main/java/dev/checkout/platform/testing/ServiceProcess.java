package dev.checkout.platform.testing;

import java.io.IOException;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.checkout.platform.infra.FreePorts;
import dev.checkout.platform.infra.ServerAddresses;

/**
 * A service process started from the application jar, as fault-injection tests need it: its own JVM, on the run's
 * shared servers, killable with SIGKILL. Its output goes to a log file the test can show when something fails.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Path SHARED_SECRETS = sharedSecrets();
    private static final String SERVICE_CREDENTIAL = "credential-" + java.util.UUID.randomUUID();

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The application jar the build produced, as the system tests are told by the build. */
    public static Path applicationJar() {
        String jar = System.getProperty("checkout.app.jar", "../app/target/checkout-app.jar");
        Path path = Path.of(jar).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("the application jar " + path + " is missing; build it with ./checkout build");
        }
        return path;
    }

    /**
     * Starts {@code services} on the shared servers and waits until {@code /health} answers 200.
     *
     * @param extraArguments more launcher or Spring options ({@code --checkout.crash-points=relay.before-publish})
     */
    public static ServiceProcess start(String services, ServerAddresses servers, Map<String, String> environment,
                                       List<String> extraArguments) {
        return start(services, servers, environment, extraArguments, FreePorts.next());
    }

    /** As {@link #start(String, ServerAddresses, Map, List)}, on a given port (a restarted service keeps its address). */
    public static ServiceProcess start(String services, ServerAddresses servers, Map<String, String> environment,
                                       List<String> extraArguments, int port) {
        try {
            Path log = Files.createTempFile("checkout-" + services.replace(',', '-') + "-", ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-jar", applicationJar().toString(), "run", "--external", "--services", services,
                    "--port", Integer.toString(port), "--data-dir", Files.createTempDirectory("checkout-process-").toString()));
            command.addAll(extraArguments);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("SPRING_DATASOURCE_URL", servers.jdbcUrl());
            builder.environment().put("SPRING_DATASOURCE_USERNAME", servers.username());
            builder.environment().put("SPRING_DATASOURCE_PASSWORD", servers.password());
            builder.environment().put("SPRING_DATA_REDIS_URL", servers.redisUrl());
            builder.environment().put("SPRING_KAFKA_BOOTSTRAP_SERVERS", servers.kafkaBootstrapServers());
            builder.environment().put("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", "10");
            // Fault and load runs drive many calls from one address; a test of the limits passes "true" itself.
            builder.environment().put("CHECKOUT_RATE_LIMITS_ENABLED", "false");
            // Tests make their own products; the development demo store would show up among them.
            builder.environment().put("CHECKOUT_DEMO_CATALOGUE_ENABLED", "false");
            // The processes one test JVM starts are one platform: they share identity's key file and the credential
            // with which services get their SERVICE tokens from identity.
            builder.environment().put("CHECKOUT_SECURITY_SIGNING_KEY_FILE", SHARED_SECRETS.resolve("identity-signing-key.json").toString());
            builder.environment().put("CHECKOUT_SECURITY_SERVICE_CREDENTIAL", SERVICE_CREDENTIAL);
            builder.environment().putAll(environment);
            ServiceProcess started = new ServiceProcess(builder.start(), port, log);
            started.awaitHealthy(Duration.ofSeconds(120));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path sharedSecrets() {
        try {
            return Files.createTempDirectory("checkout-process-secrets-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The credential the processes of this JVM get their SERVICE tokens from identity with. */
    public static String serviceCredential() {
        return SERVICE_CREDENTIAL;
    }

    public int port() {
        return port;
    }

    public ApiClient api() {
        return ApiClient.atPort(port);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end on its own (a crash point halts it) and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the process did not exit within " + timeout + "; its log:\n" + logTail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hooks, nothing flushed. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: a clean shutdown. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try {
            org.awaitility.Awaitility.await("service process healthy").atMost(timeout).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the service process exited with " + process.exitValue() + "; its log:\n" + logTail());
                        }
                        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the service process was not healthy within " + timeout + "; its log:\n" + logTail(), e);
        }
    }
}
