package dev.checkout.platform.core;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The id that ties together everything one client request caused: the HTTP response header, the Kafka headers and
 * envelopes of every message it led to, and every log line (MDC key {@value #MDC_KEY}).
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlation_id";
    public static final String KAFKA_HEADER = "correlation_id";

    // A client-supplied id is echoed into headers and logs, so only plain tokens are accepted.
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private CorrelationId() {
    }

    public static String generate() {
        return UUID.randomUUID().toString();
    }

    public static boolean isAcceptable(String candidate) {
        return candidate != null && ACCEPTABLE.matcher(candidate).matches();
    }

    /** The correlation id of the work this thread is doing, if any. */
    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(MDC_KEY));
    }

    /** Makes {@code id} current for this thread until the returned scope is closed. */
    public static Scope open(String id) {
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id);
        return () -> {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        };
    }

    /** Restores the previous correlation id when closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
