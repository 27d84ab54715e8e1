package dev.checkout.platform.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Servers run as child processes. When the JVM that started them is killed outright they live on, holding their
 * data directory; the next start stops them by the pid they recorded, so a crashed run never blocks the next one.
 */
final class StaleProcesses {

    private static final Logger log = LoggerFactory.getLogger(StaleProcesses.class);

    private StaleProcesses() {
    }

    /** Stops the process whose pid is on the first line of {@code pidFile}, if it is alive and runs {@code command}. */
    static void stopLeftover(Path pidFile, String command) {
        readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(c -> c.contains(command)).orElse(true))
                .ifPresent(process -> {
                    log.warn("stopping a leftover {} (pid {}) from an earlier run that did not shut down", command, process.pid());
                    process.destroy();
                    try {
                        process.onExit().get(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        process.destroyForcibly();
                    }
                });
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            return first.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
