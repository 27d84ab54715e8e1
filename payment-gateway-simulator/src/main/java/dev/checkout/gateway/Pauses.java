package dev.checkout.gateway;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Holds answers back (test-token delays, the latency fault). Stopping the simulator ends every pause at once, before
 * the web server stops, so closing it never waits for a held-back {@code tok_timeout} answer; {@link NetworkFaults}
 * then drops those connections rather than answering early.
 */
@Component
final class Pauses implements SmartLifecycle {

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;

    void pause(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once the simulator is shutting down. */
    boolean stopping() {
        return stopped.getCount() == 0;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopped.countDown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The highest phase stops first, ahead of the web server. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
