package dev.checkout.platform.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before trying again (an unresolved payment or refund, a relay that failed): {@code first} after the
 * first attempt, doubling with every attempt, never more than {@code max}. The one back-off of the platform's own code
 * (Kafka consumers use Spring Kafka's).
 */
public record Backoff(Duration first, Duration max) {

    public

    Backoff {
        Objects.requireNonNull(first);
        Objects.requireNonNull(max);
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("a back-off needs 0 < first <= max, not " + first + " and " + max);
        }
    }

    /** The wait after {@code attempts} attempts (1 or more). */
    public Duration after(int attempts) {
        int doublings = Math.clamp(attempts - 1, 0, 30);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
