package dev.checkout.gateway;

import tools.jackson.databind.JsonNode;

/**
 * The answer to a request the ledger holds: a charge or refund just written, or the replay of what an idempotency key
 * was answered the first time ({@code replayed}). Only such answers are subject to the after-commit faults.
 */
record RecordedAnswer(int status, JsonNode body, boolean replayed) {
}
