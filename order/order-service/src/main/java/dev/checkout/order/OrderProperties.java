package dev.checkout.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Order and saga settings ({@code checkout.orders.*}).
 *
 * @param reservationTtl       how long stock is held for a checkout before payment starts
 * @param paymentHold          how long the reservation is extended to when the charge starts
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
 */
@ConfigurationProperties("checkout.orders")
record OrderProperties(
        @DefaultValue("PT15M") Duration reservationTtl,
        @DefaultValue("PT30M") Duration paymentHold,
        @DefaultValue("PT30S") Duration stepTimeout,
        @DefaultValue("5") int stepRetries,
        @DefaultValue("PT5M") Duration paymentTimeout,
        @DefaultValue("PT5S") Duration recoveryInterval,
        @DefaultValue("PT24H") Duration idempotencyRetention,
        @DefaultValue("PT5S") Duration reservationWait,
        @DefaultValue("PT5S") Duration expiryInterval,
        @DefaultValue("PT30S") Duration idempotencyLease) {
}
