package dev.checkout.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Seed 003's checkout metrics, counted from the same events as the read model: orders created, confirmed and failed
 * (completion rate = confirmed / created), payments by outcome (success rate), carts abandoned and converted
 * (abandonment rate), stock reservations refused, and the order-creation latency from placement to confirmation as a
 * histogram. Every meter is registered at start, so Prometheus sees it before the first event, and a count is taken
 * only once its event's transaction committed: a batch rolled back and handled again counts once.
 */
@Component
class CheckoutMeters {

    /** The failure reasons the saga reports (api.md); another reason gets its own series when it first occurs. */
    static final List<String> KNOWN_FAILURE_REASONS = List.of("payment_declined", "insufficient_funds", "payment_unavailable",
            "out_of_stock", "checkout_expired", "timeout");

    private final MeterRegistry meters;
    private final Counter created;
    private final Counter confirmed;
    private final Counter cancelled;
    private final Counter paymentsSucceeded;
    private final Counter paymentsFailed;
    private final Counter cartsAbandoned;
    private final Counter cartsConverted;
    private final Counter reservationsRefused;
    private final Timer creationLatency;
    private final Map<String, Counter> failed = new ConcurrentHashMap<>();

    CheckoutMeters(MeterRegistry meters) {
        this.meters = meters;
        // Seed 003 calls it checkout.orders.created, but Prometheus reserves the _created suffix (its client drops the series).
        this.created = Counter.builder("checkout.orders.placed").description("Orders accepted, their saga started").register(meters);
        this.confirmed = Counter.builder("checkout.orders.confirmed").description("Orders confirmed: paid and stock deducted").register(meters);
        this.cancelled = Counter.builder("checkout.orders.cancelled").description("Orders cancelled after confirmation").register(meters);
        this.paymentsSucceeded = Counter.builder("checkout.payments").tag("outcome", "succeeded").description("Charges by outcome").register(meters);
        this.paymentsFailed = Counter.builder("checkout.payments").tag("outcome", "failed").description("Charges by outcome").register(meters);
        this.cartsAbandoned = Counter.builder("checkout.carts").tag("outcome", "abandoned").description("Carts that ended, by outcome").register(meters);
        this.cartsConverted = Counter.builder("checkout.carts").tag("outcome", "converted").description("Carts that ended, by outcome").register(meters);
        this.reservationsRefused = Counter.builder("checkout.inventory.reservations.refused")
                .description("Stock reservations refused (not enough stock)").register(meters);
        this.creationLatency = Timer.builder("checkout.order.creation.latency")
                .description("From an order's placement to its confirmation")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(7), Duration.ofSeconds(10))
                .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(meters);
        KNOWN_FAILURE_REASONS.forEach(this::failedCounter);
    }

    void orderCreated(boolean fromCart) {
        afterCommit(() -> {
            created.increment();
            if (fromCart) {
                cartsConverted.increment();
            }
        });
    }

    void orderConfirmed(Instant placedAt, Instant confirmedAt) {
        afterCommit(() -> {
            confirmed.increment();
            if (placedAt != null && confirmedAt != null && !confirmedAt.isBefore(placedAt)) {
                creationLatency.record(Duration.between(placedAt, confirmedAt));
            }
        });
    }

    void orderFailed(String reason) {
        afterCommit(() -> failedCounter(reason == null ? "unknown" : reason).increment());
    }

    void orderCancelled() {
        afterCommit(cancelled::increment);
    }

    void payment(boolean succeeded) {
        afterCommit(succeeded ? paymentsSucceeded::increment : paymentsFailed::increment);
    }

    void cartAbandoned() {
        afterCommit(cartsAbandoned::increment);
    }

    void reservationRefused() {
        afterCommit(reservationsRefused::increment);
    }

    private Counter failedCounter(String reason) {
        return failed.computeIfAbsent(reason, r -> Counter.builder("checkout.orders.failed").tag("reason", r)
                .description("Orders whose checkout saga ended without an order, by reason").register(meters));
    }

    /** Counts once the event's effect is committed; outside a transaction (unit tests) at once. */
    private static void afterCommit(Runnable count) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            count.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                count.run();
            }
        });
    }
}
