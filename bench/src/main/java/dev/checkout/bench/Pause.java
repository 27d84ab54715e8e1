package dev.checkout.bench;

import java.time.Duration;

/** Waiting in a load generator (pacing requests, polling), where waiting is the point. */
final class Pause {

    private Pause() {
    }

    static void of(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
