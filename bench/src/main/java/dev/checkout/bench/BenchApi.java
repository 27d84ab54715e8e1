package dev.checkout.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's API as a crowd of clients calls it: HTTP/1.1 over one {@link HttpClient}, at most {@code inFlight}
 * requests at once (a bounded client: tens of thousands of customers must not open tens of thousands of sockets on a
 * two-core machine). Every 5xx is counted; a 503 {@code overloaded} is waited out for its Retry-After and sent again,
 * and counted apart.
 */
final class BenchApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Semaphore inFlight;
    final LongAdder serverErrors = new LongAdder();
    final LongAdder overloaded = new LongAdder();
    final LongAdder unanswered = new LongAdder();

    BenchApi(String base, int inFlight) {
        this.base = base;
        this.inFlight = new Semaphore(inFlight);
    }

    /** An answer: status and body (null when nothing came back), and how long the exchange took. */
    record Answer(int status, String body, long nanos, long retryAfterSeconds) {
        JsonNode json() {
            return body == null || body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** One call, 503 {@code overloaded} retried after its Retry-After; status 0 when no answer came. */
    Answer call(String method, String path, String token, String idempotencyKey, Object body) {
        while (true) {
            Answer answer = once(method, path, token, idempotencyKey, body);
            if (answer.status() != 503 || answer.body() == null || !answer.body().contains("\"overloaded\"")) {
                return answer;
            }
            overloaded.increment();
            Pause.of(Duration.ofSeconds(Math.max(1, answer.retryAfterSeconds())));
        }
    }

    Answer once(String method, String path, String token, String idempotencyKey, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        inFlight.acquireUninterruptibly();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500 && !(response.statusCode() == 503 && response.body().contains("\"overloaded\""))) {
                serverErrors.increment();
            }
            return new Answer(response.statusCode(), response.body(), System.nanoTime() - started,
                    response.headers().firstValueAsLong("Retry-After").orElse(1));
        } catch (IOException e) {
            unanswered.increment();
            return new Answer(0, null, System.nanoTime() - started, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inFlight.release();
        }
    }

    /** A call that must succeed (setup and audit). */
    JsonNode require(String method, String path, String token, Object body) {
        Answer answer = call(method, path, token, null, body);
        if (!answer.ok()) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }
}
