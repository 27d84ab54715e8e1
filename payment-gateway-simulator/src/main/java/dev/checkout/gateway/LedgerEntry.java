package dev.checkout.gateway;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import tools.jackson.databind.JsonNode;

/**
 * One line of {@code ledger.jsonl}. Each entry carries, besides the money movement, the answer the caller got when it
 * came with an idempotency key, so a restarted simulator replays exactly what it said before.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LedgerEntry.ChargeRecorded.class, name = "charge"),
        @JsonSubTypes.Type(value = LedgerEntry.RefundRecorded.class, name = "refund")})
sealed interface LedgerEntry {

    /** The recorded answer, or {@code null} when the request came without an idempotency key. */
    StoredResponse response();

    record ChargeRecorded(Charge charge, StoredResponse response) implements LedgerEntry {
    }

    record RefundRecorded(Refund refund, StoredResponse response) implements LedgerEntry {
    }

    /**
     * What a request with an idempotency key was answered, kept to replay it.
     *
     * @param requestFingerprint a digest of the endpoint and the parameters, to refuse the key with other parameters
     */
    record StoredResponse(String idempotencyKey, String requestFingerprint, int status, JsonNode body) {
    }
}
