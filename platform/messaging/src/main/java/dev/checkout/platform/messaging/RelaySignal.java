package dev.checkout.platform.messaging;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a relay when this process commits outbox rows, or another process says it did ({@link RelayWakeUps}), so
 * publication does not wait for the next poll.
 */
final class RelaySignal {

    private final BlockingQueue<Boolean> pending = new ArrayBlockingQueue<>(1);

    void wakeUp() {
        pending.offer(Boolean.TRUE);
    }

    /** Waits for a wake-up or the timeout, whichever comes first; whether it was woken. */
    boolean await(Duration timeout) throws InterruptedException {
        return pending.poll(timeout.toMillis(), TimeUnit.MILLISECONDS) != null;
    }
}
