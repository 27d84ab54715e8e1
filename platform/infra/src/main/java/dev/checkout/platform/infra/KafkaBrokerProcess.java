package dev.checkout.platform.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (KRaft) in a child JVM started from the {@code kafka-broker} module's executable jar. The
 * child has its own classpath, and a fault test can kill it like a crashed broker.
 */
public final class KafkaBrokerProcess implements ManagedServer {

    /** Where the broker's executable jar is, when it is not on the classpath (the application sets it). */
    public static final String JAR_PROPERTY = "checkout.kafka-broker.jar";

    private static final Logger log = LoggerFactory.getLogger(KafkaBrokerProcess.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDirectory;
    private final int port;
    private final int controllerPort;
    private Process process;

    public KafkaBrokerProcess(Path dataDirectory, int port, int controllerPort) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(dataDirectory);
            Path pidFile = dataDirectory.resolve("broker.pid");
            StaleProcesses.stopLeftover(pidFile, "java");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-Xshare:auto",
                    "-Djava.awt.headless=true",
                    "-jar", locateJar().toString(),
                    dataDirectory.toAbsolutePath().toString(),
                    Integer.toString(port),
                    Integer.toString(controllerPort),
                    Long.toString(ProcessHandle.current().pid())));
            Redirect log = Redirect.appendTo(dataDirectory.resolve("broker.log").toFile());
            process = new ProcessBuilder(command).redirectOutput(log).redirectError(log).start();
            Files.writeString(pidFile, Long.toString(process.pid()));
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException("the Kafka broker did not start", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                log.warn("the Kafka broker did not stop within 60 s; killing it");
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    @Override
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        awaitListening(deadline);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited with code " + process.exitValue()
                            + "; see " + dataDirectory.resolve("broker.log"));
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // still starting
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the Kafka broker was not ready within " + STARTUP_TIMEOUT);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    /** Waits quietly until the broker's port accepts connections, so the admin client below need not retry noisily. */
    private void awaitListening(Instant deadline) {
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return;
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * The broker's executable jar: named by {@value #JAR_PROPERTY}, or found on the classpath where Maven puts it for
     * tests.
     */
    static Path locateJar() {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return existing(Path.of(configured));
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName() == null ? "" : Path.of(entry).getFileName().toString();
            if (name.startsWith("kafka-broker-") && name.endsWith(".jar")) {
                return existing(Path.of(entry));
            }
        }
        URL main = KafkaBrokerProcess.class.getClassLoader()
                .getResource("BOOT-INF/classes/dev/checkout/platform/kafka/KafkaBrokerMain.class");
        if (main != null && main.getProtocol().equals("jar") && main.getPath().startsWith("file:")) {
            return existing(Path.of(main.getPath().substring("file:".length(), main.getPath().indexOf("!/"))));
        }
        throw new IllegalStateException("cannot find the Kafka broker jar: build the project (./checkout build) or set -D"
                + JAR_PROPERTY);
    }

    private static Path existing(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the Kafka broker jar " + jar + " does not exist; run ./checkout build");
        }
        return jar;
    }
}
