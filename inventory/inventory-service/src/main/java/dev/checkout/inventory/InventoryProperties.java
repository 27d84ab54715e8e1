package dev.checkout.inventory;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Inventory settings ({@code checkout.inventory.*}); every one can be overridden by the environment
 * ({@code CHECKOUT_INVENTORY_GATE_COMMAND_TIMEOUT=200ms}).
 *
 * @param reservationTtl     how long a reservation holds stock unless extended
 * @param lowStockThreshold  availability below which a low-stock event fires, for new stock rows
 * @param expiryInterval     how often expired reservations are released
 * @param announceInterval   how often the levels of products whose stock changed are announced on inventory-events
 * @param gate               the Redis fast gate in front of PostgreSQL
 * @param reconciliation     how reservations are checked against the orders and checkouts that hold them
 */
@ConfigurationProperties("checkout.inventory")
record InventoryProperties(
        @DefaultValue("PT15M") Duration reservationTtl,
        @DefaultValue("10") int lowStockThreshold,
        @DefaultValue("PT30S") Duration expiryInterval,
        @DefaultValue("200ms") Duration announceInterval,
        @DefaultValue Gate gate,
        @DefaultValue Reconciliation reconciliation) {

    /**
     * The reservation check ({@code checkout.inventory.reconciliation.*}): every {@code interval}, each pending
     * reservation older than {@code grace} is looked up at the order service; one whose order or checkout is gone or
     * ended is released, one whose order is confirmed is confirmed.
     */
    record Reconciliation(
            @DefaultValue("PT1M") Duration interval,
            @DefaultValue("PT2M") Duration grace) {
    }

    /**
     * The Redis fast gate ({@code checkout.inventory.gate.*}).
     *
     * @param redisUrl               the Redis primary that holds all of the gate's keys; unset, {@code spring.data.redis.url}
     * @param commandTimeout         the longest a reservation waits for Redis before it goes to PostgreSQL alone
     * @param connectTimeout         the longest a (re)connection attempt to Redis may take
     * @param breakerOpenFor         after Redis failed, how long the gate stays bypassed before it tries Redis again
     * @param recoveryInterval       how often the gate reconnects, reloads its counters after an outage, and repairs the
     *                               counters a failed or doubtful call left behind
     * @param reconciliationInterval how often every counter is compared with PostgreSQL and drift repaired
     * @param orphanGrace            a hold older than this whose reservation never reached PostgreSQL is given back
     * @param ownerMemory            how long Redis remembers an owner that went through the gate, so a repeated reserve
     *                               is answered from PostgreSQL instead of holding stock twice
     */
    record Gate(
            String redisUrl,
            @DefaultValue("500ms") Duration commandTimeout,
            @DefaultValue("1s") Duration connectTimeout,
            @DefaultValue("2s") Duration breakerOpenFor,
            @DefaultValue("1s") Duration recoveryInterval,
            @DefaultValue("PT1M") Duration reconciliationInterval,
            @DefaultValue("PT30S") Duration orphanGrace,
            @DefaultValue("P7D") Duration ownerMemory) {
    }
}
