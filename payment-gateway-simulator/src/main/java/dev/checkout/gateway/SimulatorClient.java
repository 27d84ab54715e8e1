package dev.checkout.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a test of the platform asks the simulator, over HTTP like anyone else: the ledger (the truth about money moved),
 * how many requests reached it, and the fault switches. Reads are never subject to faults.
 */
public final class SimulatorClient {

    private static final JsonMapper JSON = SimulatorApplication.jsonMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SimulatorClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Every charge and refund the simulator ever made, as {@code GET /v1/ledger} shows them. */
    public Ledger ledger() {
        return JSON.treeToValue(send("GET", "/v1/ledger", null), Ledger.class);
    }

    /** How many charge and refund requests reached the simulator since it started, faults included. */
    public Requests requests() {
        return JSON.treeToValue(send("GET", "/sim/requests", null), Requests.class);
    }

    /** Replaces every fault switch ({@code error_rate}, {@code drop_response_after_commit_rate}, ...); unnamed ones are off. */
    public void faults(Map<String, ?> switches) {
        send("PUT", "/sim/faults", JSON.writeValueAsString(switches));
    }

    public void clearFaults() {
        send("DELETE", "/sim/faults", null);
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The ledger: amounts in minor units. */
    public record Ledger(List<LedgerCharge> charges, List<LedgerRefund> refunds) {

        /** The charges made under an idempotency key (a platform derives one key per order's charge). */
        public List<LedgerCharge> chargesWithKey(String idempotencyKey) {
            return charges.stream().filter(charge -> idempotencyKey.equals(charge.idempotencyKey())).toList();
        }

        public List<LedgerRefund> refundsOf(String chargeId) {
            return refunds.stream().filter(refund -> chargeId.equals(refund.charge())).toList();
        }

        /** What a charge took and was not given back: zero for a declined charge or a fully refunded one. */
        public long netAmountOf(LedgerCharge charge) {
            return charge.succeeded() ? charge.amount() - refundsOf(charge.id()).stream().mapToLong(LedgerRefund::amount).sum() : 0;
        }
    }

    public record LedgerCharge(String id, long amount, String currency, String status, String idempotencyKey) {
        public boolean succeeded() {
            return "succeeded".equals(status);
        }
    }

    public record LedgerRefund(String id, String charge, long amount, String idempotencyKey) {
    }

    public record Requests(long charges, long refunds) {
    }
}
