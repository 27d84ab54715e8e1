package dev.checkout.payment;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before sending an unresolved payment or refund again: {@code first} after the first attempt,
 * doubling with every attempt, never more than {@code max}.
 */
record Backoff(Duration first, Duration max) {

    Backoff {
        Objects.requireNonNull(first);
        Objects.requireNonNull(max);
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("a back-off needs 0 < first <= max, not " + first + " and " + max);
        }
    }

    /** The wait after {@code attempts} attempts (1 or more). */
    Duration after(int attempts) {
        int doublings = Math.clamp(attempts - 1, 0, 30);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
