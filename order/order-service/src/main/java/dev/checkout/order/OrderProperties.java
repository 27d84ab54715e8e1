package dev.checkout.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Order and saga settings ({@code checkout.orders.*}).
 *
 * @param reservationTtl       how long stock is held for a checkout before payment starts
 * @param paymentHold          how long the saga's reservation holds the stock: longer than any payment may take, so no
 *                             step needs to extend it (a paid checkout's reservation is adopted for this long)
 * @param stepTimeout          how long a saga step waits for a participant before sending again
 * @param stepRetries          how often a step is sent again before it fails
 * @param paymentTimeout       how long the saga waits for the payment's outcome (it may be resolving an unknown
 *                             answer) before it compensates by refunding whatever was charged
 * @param recoveryInterval     how often overdue sagas are looked at
 * @param idempotencyRetention how long an Idempotency-Key and its response are kept
 * @param reservationWait      how long opening a checkout waits for inventory to answer its reservation
 * @param expiryInterval       how often checkouts past their time are expired
 * @param idempotencyLease     how long a request may hold its Idempotency-Key before a retry may take it over (the
 *                             first request is presumed dead: it crashed or its client gave up)
 * @param admission            how much checkout work is let in ({@link CheckoutAdmission})
 */
@ConfigurationProperties("checkout.orders")
public record OrderProperties(
        @DefaultValue("PT15M") Duration reservationTtl,
        @DefaultValue("PT30M") Duration paymentHold,
        @DefaultValue("PT30S") Duration stepTimeout,
        @DefaultValue("5") int stepRetries,
        @DefaultValue("PT5M") Duration paymentTimeout,
        @DefaultValue("PT5S") Duration recoveryInterval,
        @DefaultValue("PT24H") Duration idempotencyRetention,
        @DefaultValue("PT5S") Duration reservationWait,
        @DefaultValue("PT5S") Duration expiryInterval,
        @DefaultValue("PT30S") Duration idempotencyLease,
        @DefaultValue Admission admission) {

    /**
     * The door of checkout work ({@code checkout.orders.admission.*}).
     *
     * @param enabled      off only where a test wants every request in, whatever the load
     * @param target       how long an accepted order's saga may take: longer, and less work is let in
     * @param initialLimit orders in their saga at once before the limit has learnt anything
     * @param minLimit     the fewest it ever lets in (so a slow dependency cannot close the door)
     * @param maxLimit     the most it ever lets in
     * @param backoffRatio how much the limit shrinks for each saga that took longer than the target
     * @param retryAfter   what a refused client is told to wait
     * @param abandonAfter when a permit whose order was never seen to end is given up
     */
    public record Admission(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("PT1S") Duration target,
            @DefaultValue("200") int initialLimit,
            @DefaultValue("20") int minLimit,
            @DefaultValue("2000") int maxLimit,
            @DefaultValue("0.95") double backoffRatio,
            @DefaultValue("PT1S") Duration retryAfter,
            @DefaultValue("PT10M") Duration abandonAfter) {
    }
}
