package dev.checkout.gateway;

/** A refund as the ledger recorded it; {@code amount} is in minor units and never more than what remained. */
record Refund(String id, String charge, long amount, String currency, long created, String idempotencyKey) {
}
