package dev.checkout.order.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.checkout.platform.core.Ids;
import dev.checkout.platform.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.checkout.order.OrderProperties;

/**
 * Stripe's Idempotency-Key semantics for the requests that create orders. The key is scoped to the user. The same
 * key and body get the first response again; another body under the same key is a 422; a request while the first is
 * still running is a 409.
 * <p>
 * A request runs in three parts so that no database connection is held while other services are called (under a
 * flash sale that would empty the pool): it <em>claims</em> the key in a short transaction (a row with no response
 * yet, its claim id and a lease), does its remote work with no transaction open, then <em>completes</em>: its own
 * writes, the response, and the end of the claim commit in one transaction, and only if the claim is still its own.
 * A request that fails lets its claim go, so the client may correct and retry under the same key; a request that
 * dies keeps it until the lease ({@code checkout.orders.idempotency-lease}) runs out, and a retry then takes it over
 * with the same resource id. Claims nobody came back for are let go by {@link IdempotencyKeyHousekeeping}.
 */
@Component
public class IdempotentRequests {

    static final int MAX_KEY_LENGTH = 255;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final OrderProperties properties;
    private final Clock clock;

    IdempotentRequests(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json, OrderProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A request under a key: who sent it, to what, with which body; {@code resourcePrefix} names what it creates (its id
     * is chosen when the key is claimed) and {@code cartId} the cart it holds, if any.
     */
    public record Request(String userId, String key, String method, String path, Object body, String resourcePrefix, String cartId) {
    }

    /** A response to send: new, or the first response to this key again. */
    public record Response(int status, JsonNode body, boolean replayed) {

        /** The HTTP answer; a replay says so in {@code Idempotent-Replayed: true}. */
        public ResponseEntity<Object> toResponseEntity() {
            var builder = ResponseEntity.status(status);
            if (replayed) {
                builder.header("Idempotent-Replayed", "true");
            }
            return builder.body(body);
        }
    }

    /** The first response of a key, as created by the work. */
    public record Created(int status, Object body, String resourceId) {
    }

    /** A claimed key: the id of what the request creates, and the way to finish it. */
    public final class Claim {

        private final Request request;
        private final String claimId;
        private final String resourceId;

        private Claim(Request request, String claimId, String resourceId) {
            this.request = request;
            this.claimId = claimId;
            this.resourceId = resourceId;
        }

        /** The id the request gives what it creates; the same for every attempt under this key. */
        public String resourceId() {
            return resourceId;
        }

        /**
         * Runs {@code work} and records its response in one transaction, if the key is still claimed by this request
         * (a request that outlived its lease may have been taken over, and then its work must not happen twice).
         */
        public Response complete(Supplier<Created> work) {
            return transactions.execute(status -> {
                boolean stillMine = jdbc.sql("""
                                select 1 from orders.idempotency_keys
                                where user_id = :user and idempotency_key = :key and claim_id = :claim and response_status is null
                                for update""")
                        .param("user", request.userId()).param("key", request.key()).param("claim", claimId)
                        .query(Integer.class).optional().isPresent();
                if (!stillMine) {
                    throw new ClaimLost();
                }
                Created created = work.get();
                JsonNode body = json.valueToTree(created.body());
                jdbc.sql("""
                                update orders.idempotency_keys set response_status = :status, response_body = :body,
                                    resource_id = :resource, claim_id = null, locked_until = null, expires_at = :expires
                                where user_id = :user and idempotency_key = :key""")
                        .param("status", created.status()).param("body", json.writeValueAsString(body))
                        .param("resource", created.resourceId())
                        .param("expires", Timestamp.from(clock.instant().plus(properties.idempotencyRetention())))
                        .param("user", request.userId()).param("key", request.key())
                        .update();
                return new Response(created.status(), body, false);
            });
        }
    }

    /**
     * Answers a request under its key: the first response again, or a refusal, or {@code work}'s response. The work
     * gets the claim, does what needs no transaction (calls to other services), and ends with {@link Claim#complete}.
     */
    public Response run(Request request, Function<Claim, Response> work) {
        validate(request.key());
        String hash = hash(request.method() + " " + request.path() + "\n" + json.writeValueAsString(request.body()));
        String claimId = Ids.newId("claim");
        Optional<String> resourceId = transactions.execute(status -> claim(request, hash, claimId));
        if (resourceId.isEmpty()) {
            return earlier(request, hash);
        }
        try {
            return work.apply(new Claim(request, claimId, resourceId.get()));
        } catch (ClaimLost lost) {
            throw inProgress(); // a retry took the key over and does the work; nothing here is ours to undo
        } catch (RuntimeException | Error failed) {
            try {
                letGo(request, claimId);
            } catch (RuntimeException alsoFailed) {
                failed.addSuppressed(alsoFailed); // the lease ends the claim instead
            }
            throw failed;
        }
    }

    /**
     * Answers a request whose work, once priced, needs no other service: the key, its response and the work commit in
     * one transaction, so nothing is claimed first and nothing needs letting go. The response must be known before the
     * work (it names what the work creates). A request under a key in use by one still running is a 409; a key already
     * answered gets its first response again (or a 422 for another body).
     */
    public Response runAtOnce(Request request, Created response, Runnable work) {
        validate(request.key());
        String hash = hash(request.method() + " " + request.path() + "\n" + json.writeValueAsString(request.body()));
        JsonNode body = json.valueToTree(response.body());
        boolean recorded = Boolean.TRUE.equals(transactions.execute(status -> {
            Map<String, Object> outcome = jdbc.sql("""
                            with request as (select pg_try_advisory_xact_lock(hashtextextended(:user || chr(10) || :key, 0)) as alone),
                                 answered as (
                                     insert into orders.idempotency_keys (user_id, idempotency_key, request_hash, response_status, response_body,
                                         resource_id, expires_at)
                                     select :user, :key, :hash, :status, :body, :resource, :expires from request where alone
                                     on conflict (user_id, idempotency_key) do update set request_hash = excluded.request_hash,
                                         response_status = excluded.response_status, response_body = excluded.response_body,
                                         resource_id = excluded.resource_id, claim_id = null, locked_until = null, cart_id = null,
                                         created_at = now(), expires_at = excluded.expires_at
                                     where idempotency_keys.expires_at <= now()
                                     returning 1)
                            select (select alone from request) as alone, exists (select 1 from answered) as answered""")
                    .param("user", request.userId()).param("key", request.key()).param("hash", hash)
                    .param("status", response.status()).param("body", json.writeValueAsString(body))
                    .param("resource", response.resourceId())
                    .param("expires", Timestamp.from(clock.instant().plus(properties.idempotencyRetention())))
                    .query().singleRow();
            if (!Boolean.TRUE.equals(outcome.get("alone"))) {
                throw inProgress();
            }
            if (!Boolean.TRUE.equals(outcome.get("answered"))) {
                return false; // answered before: nothing was written
            }
            work.run();
            return true;
        }));
        return recorded ? new Response(response.status(), body, false) : earlier(request, hash);
    }

    /**
     * This request outlived its lease and a retry took its key over: the retry does the work (with the same resource
     * id), so this one must neither do it nor undo anything done for it.
     */
    public static final class ClaimLost extends RuntimeException {
        ClaimLost() {
            super("the Idempotency-Key was taken over by a retry", null, false, false);
        }
    }

    /**
     * Claims the key: a new row, or one whose claim was abandoned (lease over; same resource id) by a request with the
     * same body, or one past its retention (a new resource id). Empty when the key is answered, claimed by a live
     * request, or was claimed for another body (which must never take over the first request's order or cart).
     */
    private Optional<String> claim(Request request, String hash, String claimId) {
        return jdbc.sql("""
                        insert into orders.idempotency_keys (user_id, idempotency_key, request_hash, claim_id, locked_until,
                            resource_id, cart_id, expires_at)
                        values (:user, :key, :hash, :claim, now() + :lease * interval '1 millisecond', :resource, :cart, :expires)
                        on conflict (user_id, idempotency_key) do update set request_hash = excluded.request_hash,
                            claim_id = excluded.claim_id, locked_until = excluded.locked_until, cart_id = excluded.cart_id,
                            resource_id = case when idempotency_keys.response_status is null then idempotency_keys.resource_id
                                               else excluded.resource_id end,
                            response_status = null, response_body = null, created_at = now(), expires_at = excluded.expires_at
                        where (idempotency_keys.response_status is null and idempotency_keys.locked_until < now()
                               and idempotency_keys.request_hash = excluded.request_hash)
                           or idempotency_keys.expires_at <= now()
                        returning resource_id""")
                .param("user", request.userId()).param("key", request.key()).param("hash", hash).param("claim", claimId)
                .param("lease", properties.idempotencyLease().toMillis()).param("resource", Ids.newId(request.resourcePrefix()))
                .param("cart", request.cartId())
                .param("expires", Timestamp.from(clock.instant().plus(properties.idempotencyRetention())))
                .query(String.class).optional();
    }

    /** The key is taken: its first response again, unless the body differs; a 409 while its request runs. */
    private Response earlier(Request request, String hash) {
        return jdbc.sql("""
                        select request_hash, response_status, response_body from orders.idempotency_keys
                        where user_id = :user and idempotency_key = :key""")
                .param("user", request.userId()).param("key", request.key())
                .query((rs, n) -> {
                    if (!rs.getString(1).equals(hash)) {
                        throw ApiException.unprocessable("idempotency_key_reused",
                                "This Idempotency-Key was already used with a different request");
                    }
                    if (rs.getObject(2) == null) {
                        throw inProgress();
                    }
                    return new Response(rs.getInt(2), json.readTree(rs.getString(3)), true);
                })
                .optional()
                // Let go between our claim attempt and this read: the client may simply send it again.
                .orElseThrow(IdempotentRequests::inProgress);
    }

    /** A failed request leaves nothing under its key, so the client may correct and retry. */
    private void letGo(Request request, String claimId) {
        jdbc.sql("""
                        delete from orders.idempotency_keys
                        where user_id = :user and idempotency_key = :key and claim_id = :claim and response_status is null""")
                .param("user", request.userId()).param("key", request.key()).param("claim", claimId)
                .update();
    }

    private static ApiException inProgress() {
        return ApiException.conflict("request_in_progress", "A request with this Idempotency-Key is still being processed");
    }

    private static void validate(String key) {
        if (key == null || key.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "idempotency_key_missing", "This request needs an Idempotency-Key header");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "The Idempotency-Key header is longer than 255 characters")
                    .with("errors", List.of(Map.of("field", "Idempotency-Key", "message", "is longer than 255 characters")));
        }
    }

    private static String hash(String canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
