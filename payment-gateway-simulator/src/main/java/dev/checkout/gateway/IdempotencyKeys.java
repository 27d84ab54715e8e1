package dev.checkout.gateway;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import dev.checkout.gateway.LedgerEntry.StoredResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's idempotency: the first request with a key is carried out and its answer recorded with it; the same key with
 * the same parameters gets that answer again, with other parameters a 400. Keys are scoped to the whole simulator (one
 * merchant) and to both endpoints, as Stripe's are.
 * <p>
 * Requests with one key run one at a time, so two concurrent ones can never both charge: the second waits, then
 * replays. The lock covers only deciding and recording; a token's delay comes after it, so a retry while the first
 * answer is still held back is answered at once from the ledger. The locks are a fixed set of stripes, so memory stays
 * bounded however many keys are seen; unrelated keys sharing a stripe wait at most for one ledger write.
 */
@Component
final class IdempotencyKeys {

    static final int MAX_KEY_LENGTH = 255;
    private static final int STRIPES = 1024;

    private final Ledger ledger;
    private final JsonMapper mapper;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    IdempotencyKeys(Ledger ledger, JsonMapper mapper) {
        this.ledger = ledger;
        this.mapper = mapper;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * The key a request carries, for the ledger; and a way to tell the ledger what the request was answered.
     *
     * @param key {@code null} when the request came without one: then nothing is replayed and nothing is stored
     */
    record Idempotency(String key, String fingerprint) {

        StoredResponse response(int status, JsonNode body) {
            return key == null ? null : new StoredResponse(key, fingerprint, status, body);
        }
    }

    /** Checks the {@code Idempotency-Key} header; {@code null} means the request has none. */
    static String validKey(String header) {
        if (header == null) {
            return null;
        }
        if (header.isBlank() || header.length() > MAX_KEY_LENGTH) {
            throw ApiError.invalidRequest("idempotency_key_invalid", "Idempotency-Key",
                    "An Idempotency-Key has 1 to " + MAX_KEY_LENGTH + " characters and is not blank");
        }
        return header;
    }

    /**
     * Runs {@code action} for the first request with {@code key}, or replays what that request was answered.
     *
     * @param endpoint part of the fingerprint, so a key used for a charge cannot be reused for a refund
     * @param params   the request's parameters in a canonical form
     */
    RecordedAnswer execute(String key, String endpoint, Map<String, Object> params,
            Function<Idempotency, RecordedAnswer> action) {
        if (key == null) {
            return action.apply(new Idempotency(null, null));
        }
        String fingerprint = fingerprint(endpoint, params);
        ReentrantLock lock = stripes[Math.floorMod(key.hashCode(), STRIPES)];
        lock.lock();
        try {
            StoredResponse previous = ledger.entryFor(key).map(LedgerEntry::response).orElse(null);
            if (previous == null) {
                return action.apply(new Idempotency(key, fingerprint));
            }
            if (!previous.requestFingerprint().equals(fingerprint)) {
                throw ApiError.idempotencyKeyReused(key);
            }
            return new RecordedAnswer(previous.status(), previous.body(), true);
        } finally {
            lock.unlock();
        }
    }

    private String fingerprint(String endpoint, Map<String, Object> params) {
        Map<String, Object> request = new TreeMap<>(params);
        request.put("endpoint", endpoint);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(mapper.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
