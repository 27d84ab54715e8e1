package dev.checkout.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator as its own process: {@code java -jar …-exec.jar --port N --data-dir DIR}, as the launcher runs it. */
class ExecutableJarIT {

    static final Pattern READY = Pattern.compile("payment gateway simulator listening on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dataDirectory;

    @Test
    void theExecutableJarSaysWhereItListensServesTheApiAndStopsOnSigterm() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-jar", executableJar().toString(),
                "--port", "0", "--data-dir", dataDirectory.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String baseUrl = CompletableFuture.supplyAsync(() -> readyLine(output)).get(60, TimeUnit.SECONDS);
            // Keep reading so the process never blocks on a full pipe.
            CompletableFuture.runAsync(() -> output.lines().forEach(line -> { }));

            GatewayClient gateway = new GatewayClient(baseUrl);
            assertThat(gateway.charge("jar-key", GatewayClient.charge(100, "tok_visa")).status()).isEqualTo(200);
            assertThat(gateway.ledgerCharges()).hasSize(1);

            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readAllLines(dataDirectory.resolve(LedgerFile.NAME))).hasSize(1);
        } finally {
            process.destroyForcibly();
        }
    }

    private static String readyLine(BufferedReader output) {
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                Matcher ready = READY.matcher(line);
                if (ready.matches()) {
                    return ready.group(1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the simulator exited without saying it was listening");
    }

    private static Path executableJar() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            return jars.filter(path -> path.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("run the package phase first: no target/*-exec.jar"));
        }
    }
}
