package dev.checkout.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of the simulator, as the platform is one: java.net.http over a real TCP connection. */
final class GatewayClient {

    static final String LEDGER = "/v1/ledger";

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final JsonMapper mapper = JsonMapper.builder().build();

    GatewayClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** What came back; {@code json} is null when the body is not JSON. */
    record Reply(int status, HttpResponse<String> response, JsonNode json) {

        boolean replayed() {
            return response.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false);
        }

        String error() {
            return json.path("error").path("code").asString();
        }
    }

    Reply charge(String idempotencyKey, String json) throws IOException, InterruptedException {
        return post("/v1/charges", idempotencyKey, json);
    }

    Reply refund(String idempotencyKey, String json) throws IOException, InterruptedException {
        return post("/v1/refunds", idempotencyKey, json);
    }

    Reply post(String path, String idempotencyKey, String json) throws IOException, InterruptedException {
        return reply(http.send(postRequest(path, idempotencyKey, json), HttpResponse.BodyHandlers.ofString()));
    }

    CompletableFuture<Reply> postAsync(String path, String idempotencyKey, String json) {
        return http.sendAsync(postRequest(path, idempotencyKey, json), HttpResponse.BodyHandlers.ofString())
                .thenApply(this::reply);
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return reply(http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    Reply faults(String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/sim/faults"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply clearFaults() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/sim/faults")).DELETE());
    }

    /** The ledger's charges, the oracle for "was the card charged". */
    JsonNode ledgerCharges() throws IOException, InterruptedException {
        return get(LEDGER).json().path("charges");
    }

    private HttpRequest postRequest(String path, String idempotencyKey, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.build();
    }

    private Reply reply(HttpResponse<String> response) {
        JsonNode json;
        try {
            json = mapper.readTree(response.body());
        } catch (JacksonException e) {
            json = null;
        }
        if (json != null && json.isMissingNode()) {
            json = null;
        }
        return new Reply(response.statusCode(), response, json);
    }

    static String charge(long amount, String source) {
        return "{\"amount\":" + amount + ",\"currency\":\"usd\",\"source\":\"" + source + "\"}";
    }
}
