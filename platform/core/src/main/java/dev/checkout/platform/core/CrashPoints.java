package dev.checkout.platform.core;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named places where a fault-injection test may halt the process, as a SIGKILL would: no shutdown hooks, no
 * finally blocks, no flushed buffers. Set {@code checkout.crash-points} (system property) or
 * {@code CHECKOUT_CRASH_POINTS} (environment) to a comma-separated list of names (the launcher also takes
 * {@code --checkout.crash-points=...}); unset, every call is a no-op.
 * <p>
 * This is deliberately static: crash points sit in the middle of domain code and transactions, where threading a
 * bean through would distort the code it is meant to test.
 */
public final class CrashPoints {

    private static final Logger log = LoggerFactory.getLogger(CrashPoints.class);
    private static volatile Set<String> armed = read();

    private CrashPoints() {
    }

    /** Halts the JVM at once when {@code name} is armed. */
    public static void reach(String name) {
        if (!armed.isEmpty() && armed.contains(name)) {
            log.error("crash point '{}' reached: halting the JVM", name);
            System.err.println("CRASH POINT " + name);
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }

    /** Whether any crash point is armed: callers on hot paths skip their bookkeeping when none is. */
    public static boolean anyArmed() {
        return !armed.isEmpty();
    }

    /** Re-reads the configuration; for tests that arm crash points in-process. */
    public static void reload() {
        armed = read();
    }

    private static Set<String> read() {
        String value = System.getProperty("checkout.crash-points", System.getenv("CHECKOUT_CRASH_POINTS"));
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}
