package dev.checkout.payment;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payment gateway's HTTP API (Stripe-shaped), and the one place that decides what an answer means. Only the
 * gateway's own words count as an outcome: a 200 is a charge (or refund), a 402 or 400 a refusal, a 503 or a refused
 * connection means nothing was done; anything else (no answer in time, a dropped connection, a body we cannot read,
 * another status) is {@link Outcome.Unknown}, because the charge may have been made.
 * <p>
 * Every call goes through Resilience4j's {@code payment-gateway} instances (settings under {@code resilience4j.*} in
 * {@code application.yaml}), outermost first: a retry that sends again, with back-off, only answers that mean
 * "not done" ({@link Outcome.Unavailable}); a circuit breaker that counts unavailable and unknown answers as failures
 * (a refusal is a healthy gateway saying no) and, while open, fails calls at once without reaching the gateway; a time
 * limiter that gives up waiting (the outcome is then unknown). The bulkhead is the thread pool the calls run on
 * ({@link GatewayWork}).
 */
@Component
class PaymentGateway {

    /** The name of every Resilience4j instance guarding the gateway. */
    static final String RESILIENCE = "payment-gateway";

    private static final Logger log = LoggerFactory.getLogger(PaymentGateway.class);

    private final HttpClient http;
    private final PaymentProperties properties;
    private final JsonMapper json;
    private final TimeLimiter timeLimiter;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final Timer chargeLatency;
    private final Timer refundLatency;

    PaymentGateway(PaymentProperties properties, JsonMapper json, TimeLimiterRegistry timeLimiters,
                   CircuitBreakerRegistry circuitBreakers, RetryRegistry retries, MeterRegistry meters) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        this.timeLimiter = timeLimiters.timeLimiter(RESILIENCE);
        this.circuitBreaker = circuitBreakers.circuitBreaker(RESILIENCE);
        this.retry = retries.retry(RESILIENCE);
        this.chargeLatency = latency(meters, "charge");
        this.refundLatency = latency(meters, "refund");
    }

    private static Timer latency(MeterRegistry meters, String operation) {
        return Timer.builder("checkout.payment.latency").description("One gateway call, retries included, until its outcome")
                .tag("operation", operation).publishPercentiles(0.5, 0.95, 0.99).register(meters);
    }

    sealed interface Outcome {
        /** The gateway did it: {@code id} is the charge's ({@code ch_…}) or the refund's ({@code re_…}). */
        record Succeeded(String id, String last4, String brand) implements Outcome {
        }

        /** The gateway refused (a declined card, a refund that does not fit): nothing moved. */
        record Declined(String code) implements Outcome {
        }

        /** The gateway did not act: it said so (503), was never reached, or the circuit breaker did not let us try. */
        record Unavailable(String detail) implements Outcome {
        }

        /** No usable answer: it may or may not have acted. */
        record Unknown(String detail) implements Outcome {
        }
    }

    /** Whether the circuit breaker counts an outcome as the gateway failing. */
    static boolean isFailure(Object outcome) {
        return outcome instanceof Outcome.Unavailable || outcome instanceof Outcome.Unknown;
    }

    /** Whether an outcome may be sent again at once: only when nothing was done. */
    static boolean isWorthRetrying(Object outcome) {
        return outcome instanceof Outcome.Unavailable;
    }

    /**
     * The longest one call may take, retries and their waits included; a payment is not sent again by the resolver
     * before this has passed, unless the call reported back earlier.
     */
    Duration longestCall() {
        int attempts = retry.getRetryConfig().getMaxAttempts();
        Duration waits = Duration.ZERO;
        for (int attempt = 1; attempt < attempts; attempt++) {
            waits = waits.plusMillis(retry.getRetryConfig().getIntervalBiFunction().apply(attempt, null));
        }
        return timeLimiter.getTimeLimiterConfig().getTimeoutDuration().multipliedBy(attempts).plus(waits);
    }

    Outcome charge(String idempotencyKey, long amountMinorUnits, String currency, String token, String orderId) {
        return chargeLatency.record(() -> protect(() -> post("/v1/charges", idempotencyKey, Map.of(
                "amount", amountMinorUnits,
                "currency", currency.toLowerCase(Locale.ROOT),
                "source", token,
                "description", "order " + orderId,
                "metadata", Map.of("order_id", orderId)))));
    }

    Outcome refund(String idempotencyKey, String chargeId, long amountMinorUnits) {
        return refundLatency.record(() -> protect(() -> post("/v1/refunds", idempotencyKey,
                Map.of("charge", chargeId, "amount", amountMinorUnits))));
    }

    /** A charge as the gateway's ledger lists it; money in minor units. */
    record LedgerCharge(String id, long amount, long amountRefunded, String currency, boolean succeeded, String idempotencyKey,
                        String orderId, long created) {

        long refundable() {
            return succeeded ? amount - amountRefunded : 0;
        }
    }

    record LedgerPage(List<LedgerCharge> charges, boolean hasMore) {
    }

    /**
     * One page (newest first, at most 100) of the charges the gateway created between two instants, the next page
     * {@code startingAfter} the last charge of this one. Reading changes nothing, so it is neither retried nor counted by
     * the breaker: a failed read is simply tried again at the next reconciliation.
     *
     * @throws IllegalStateException when the gateway does not answer with a page
     */
    LedgerPage chargesCreated(Instant from, Instant to, String startingAfter) {
        String query = "created%5Bgte%5D=" + from.getEpochSecond() + "&created%5Blte%5D=" + to.getEpochSecond() + "&limit=100"
                + (startingAfter == null ? "" : "&starting_after=" + URLEncoder.encode(startingAfter, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.gatewayUrl() + "/v1/charges?" + query))
                .timeout(timeLimiter.getTimeLimiterConfig().getTimeoutDuration()).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the gateway's charge list could not be read: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the gateway's charge list", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the gateway answered " + response.statusCode() + " to a charge list");
        }
        JsonNode page = json.readTree(response.body());
        List<LedgerCharge> charges = new ArrayList<>();
        for (JsonNode charge : page.path("data")) {
            charges.add(new LedgerCharge(charge.path("id").asString(), charge.path("amount").asLong(),
                    charge.path("amount_refunded").asLong(), charge.path("currency").asString(""),
                    "succeeded".equals(charge.path("status").asString("")), charge.path("idempotency_key").asString(null),
                    charge.path("metadata").path("order_id").asString(null), charge.path("created").asLong()));
        }
        return new LedgerPage(charges, page.path("has_more").asBoolean(false));
    }

    private Outcome protect(Supplier<Outcome> call) {
        Supplier<Outcome> guarded = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, call));
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            return new Outcome.Unavailable("the circuit breaker is open: the gateway was not called");
        }
    }

    private Outcome post(String path, String idempotencyKey, Map<String, Object> body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.gatewayUrl() + path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        HttpResponse<String> response;
        try {
            // The time limiter cancels the exchange when it gives up, which aborts the request.
            response = timeLimiter.executeFutureSupplier(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        } catch (Exception e) {
            return failedExchange(unwrap(e));
        }
        return interpret(response.statusCode(), response.body(), idempotencyKey);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Outcome failedExchange(Throwable e) {
        return switch (e) {
            case HttpConnectTimeoutException connect -> new Outcome.Unavailable("gateway unreachable: " + connect);
            case ConnectException refused -> new Outcome.Unavailable("gateway unreachable: " + refused);
            case TimeoutException timeout -> new Outcome.Unknown("no answer in time: " + timeout.getMessage());
            // Sent, maybe processed, answer lost: a reset, a closed connection, a protocol error.
            case IOException lost -> new Outcome.Unknown(lost.toString());
            case InterruptedException interrupted -> {
                Thread.currentThread().interrupt();
                yield new Outcome.Unknown("interrupted while waiting for the gateway");
            }
            default -> new Outcome.Unknown(e.toString());
        };
    }

    private Outcome interpret(int status, String body, String idempotencyKey) {
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (RuntimeException e) {
            return new Outcome.Unknown("unreadable answer with status " + status);
        }
        return switch (status) {
            case 200 -> answer.hasNonNull("id")
                    ? new Outcome.Succeeded(answer.get("id").asString(), answer.path("source_last4").asString(null),
                            answer.path("source_brand").asString(null))
                    : new Outcome.Unknown("a success without an id");
            case 402 -> new Outcome.Declined(answer.path("error").path("code").asString("card_declined"));
            case 400 -> {
                JsonNode error = answer.path("error");
                if ("idempotency_error".equals(error.path("type").asString(""))) {
                    log.error("the gateway says key {} was used with other parameters: {}", idempotencyKey, error.path("message").asString(""));
                    yield new Outcome.Unknown("idempotency conflict");
                }
                yield new Outcome.Declined(error.path("code").asString("invalid_request"));
            }
            case 503 -> new Outcome.Unavailable("gateway answered 503");
            default -> new Outcome.Unknown("gateway answered " + status);
        };
    }
}
