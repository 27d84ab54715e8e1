package dev.checkout.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.checkout.platform.infra.FreePorts;
import dev.checkout.platform.testing.ServiceProcess;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code ./checkout run} with its own embedded servers: a start that fails stops the servers it had started, instead
 * of leaving a PostgreSQL (and Redis) running on a data directory nobody will start again.
 */
class LauncherStopIT {

    @Test
    void aStartThatFailsLeavesNoEmbeddedServerRunning() throws Exception {
        Path dataDirectory = Files.createTempDirectory("checkout-launcher-stop-");
        Path log = Files.createTempFile("checkout-launcher-stop-", ".log");
        // The API's port is taken, so the start fails once the servers are up and Spring opens its connector.
        try (ServerSocket taken = new ServerSocket(FreePorts.next(), 1, InetAddress.getLoopbackAddress())) {
            Process launcher = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                    "-Dcheckout.kafka-broker.jar=" + kafkaBrokerJar(), "-jar", ServiceProcess.applicationJar().toString(), "run", "--services", "identity",
                    "--port", Integer.toString(taken.getLocalPort()), "--gateway-url", "http://127.0.0.1:9",
                    "--data-dir", dataDirectory.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();

            boolean exited = launcher.waitFor(3, TimeUnit.MINUTES);
            if (!exited) {
                launcher.destroyForcibly();
            }
            assertThat(exited).as("the launcher ends when its start fails; its log:%n%s", tail(log)).isTrue();
            assertThat(launcher.exitValue()).isNotZero();
        }
        assertThat(Files.readString(log)).as("the servers had started").contains("servers ready");
        Awaitility.await("nothing started for the data directory still running").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(processesOf(dataDirectory)).isEmpty());
    }

    /** The broker's jar, where Maven put it on this test's class path (as ./checkout passes it to the launcher). */
    private static String kafkaBrokerJar() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> Path.of(entry).getFileName().toString().startsWith("kafka-broker-") && entry.endsWith(".jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("the Kafka broker jar is not on the class path"));
    }

    private static List<String> processesOf(Path dataDirectory) {
        String directory = dataDirectory.toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(directory)).orElse(false))
                .map(process -> process.pid() + " " + process.info().commandLine().orElse(""))
                .toList();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
