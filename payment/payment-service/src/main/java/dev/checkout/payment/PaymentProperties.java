package dev.checkout.payment;

import java.time.Duration;

import dev.checkout.platform.core.Backoff;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Payment settings ({@code checkout.payment.*}). How long a gateway call may take, how often it is retried and when the
 * circuit breaker opens are Resilience4j's {@code payment-gateway} settings ({@code resilience4j.*}), and so is the size
 * of the gateway thread pool (its thread-pool bulkhead).
 *
 * @param gatewayUrl       base URL of the payment gateway
 * @param connectTimeout   TCP connect timeout to the gateway; a connection not made means nothing was sent
 * @param resolveInterval  how often the resolver looks for unresolved payments and refunds that are due
 * @param firstRetryAfter  the wait before an unresolved payment or refund is sent again after its first attempt;
 *                         it doubles with every attempt up to {@code maxRetryAfter}
 * @param maxRetryAfter    the longest wait between two attempts. An unknown outcome is resolved only by the gateway's
 *                         own answer to the same charge, and the customer waits for it, so this stays short: while the
 *                         gateway is down the circuit breaker keeps these attempts from reaching it at all
 * @param reconciliation   how the gateway's ledger is checked against the orders
 */
@ConfigurationProperties("checkout.payment")
record PaymentProperties(
        @DefaultValue("http://127.0.0.1:8090") String gatewayUrl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("1s") Duration resolveInterval,
        @DefaultValue("1s") Duration firstRetryAfter,
        @DefaultValue("10s") Duration maxRetryAfter,
        @DefaultValue Reconciliation reconciliation) {

    /**
     * The ledger check: every {@code interval}, the gateway's charges created in the last {@code lookback} are matched
     * to orders; those younger than {@code grace} are left to the saga still deciding about them.
     */
    record Reconciliation(
            @DefaultValue("5m") Duration interval,
            @DefaultValue("24h") Duration lookback,
            @DefaultValue("2m") Duration grace) {
    }

    Backoff backoff() {
        return new Backoff(firstRetryAfter, maxRetryAfter);
    }
}
