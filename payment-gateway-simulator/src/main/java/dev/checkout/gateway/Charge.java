package dev.checkout.gateway;

import java.util.Map;

/**
 * A charge as the ledger recorded it. Money is in minor units (cents); what was refunded later is tracked by the
 * ledger beside it, so this record never changes once written.
 *
 * @param status        {@code succeeded} (money moved) or {@code failed} (declined, no money moved)
 * @param failureCode   why a failed charge was declined, {@code null} when it succeeded
 */
record Charge(
        String id,
        long amount,
        String currency,
        String source,
        String sourceLast4,
        String status,
        String failureCode,
        String failureMessage,
        String description,
        Map<String, String> metadata,
        long created,
        String idempotencyKey) {

    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";

    Charge {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    boolean succeeded() {
        return SUCCEEDED.equals(status);
    }
}
