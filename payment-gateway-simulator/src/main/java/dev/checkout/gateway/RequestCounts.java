package dev.checkout.gateway;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * How many {@code POST /v1/charges} and {@code POST /v1/refunds} requests reached the simulator since it started,
 * whatever became of them (faults included). Tests read it at {@code GET /sim/requests} to see whether a caller's
 * circuit breaker really stopped calling: a 503 leaves no trace in the ledger.
 */
@Component
final class RequestCounts {

    private final AtomicLong charges = new AtomicLong();
    private final AtomicLong refunds = new AtomicLong();

    void charge() {
        charges.incrementAndGet();
    }

    void refund() {
        refunds.incrementAndGet();
    }

    Snapshot snapshot() {
        return new Snapshot(charges.get(), refunds.get());
    }

    record Snapshot(long charges, long refunds) {
    }
}
