package dev.checkout.gateway;

import static dev.checkout.gateway.GatewayClient.charge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.checkout.gateway.GatewayClient.Reply;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Each fault switch makes the network misbehave the way its name says, and the ledger still tells the truth. */
class FaultSwitchesIT {

    @TempDir
    static Path dataDirectory;

    static RunningGatewaySimulator simulator;
    static GatewayClient gateway;

    @BeforeAll
    static void start() {
        simulator = GatewaySimulator.start(0, dataDirectory);
        gateway = new GatewayClient(simulator.baseUrl());
    }

    @AfterEach
    void healTheNetwork() throws Exception {
        gateway.clearFaults();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static boolean ledgerHasChargeWithKey(String key) throws Exception {
        return gateway.get("/v1/charges?idempotency_key=" + key).json().path("data").size() == 1;
    }

    @Test
    void faultsCanBeSetReadAndCleared() throws Exception {
        Reply set = gateway.faults("{\"error_rate\":0.25,\"latency_ms\":10}");
        Reply read = gateway.get("/sim/faults");
        Reply cleared = gateway.clearFaults();
        Reply invalid = gateway.faults("{\"error_rate\":1.5}");

        assertThat(set.status()).isEqualTo(200);
        assertThat(read.json().path("error_rate").asDouble()).isEqualTo(0.25);
        assertThat(read.json().path("latency_ms").asLong()).isEqualTo(10);
        assertThat(read.json().path("reset_rate").asDouble()).isZero();
        assertThat(cleared.json().path("error_rate").asDouble()).isZero();
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("error").path("param").asString()).isEqualTo("error_rate");
        assertThat(gateway.get("/sim/faults").json().path("error_rate").asDouble()).isZero();
    }

    @Test
    void errorRateAnswers503AndRecordsNothingSoTheSameKeyCanSucceedLater() throws Exception {
        String key = key();
        gateway.faults("{\"error_rate\":1}");

        Reply refused = gateway.charge(key, charge(1000, "tok_visa"));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().path("error").path("type").asString()).isEqualTo("api_error");
        assertThat(ledgerHasChargeWithKey(key)).isFalse();
        gateway.clearFaults();
        Reply retried = gateway.charge(key, charge(1000, "tok_visa"));
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.replayed()).isFalse();
    }

    @Test
    void resetRateDropsTheConnectionBeforeAnythingIsRecorded() throws Exception {
        String key = key();
        gateway.faults("{\"reset_rate\":1}");

        assertThatThrownBy(() -> gateway.charge(key, charge(1000, "tok_visa"))).isInstanceOf(IOException.class);

        assertThat(ledgerHasChargeWithKey(key)).isFalse();
    }

    @Test
    void dropAfterCommitLosesTheAnswerButNotTheCharge() throws Exception {
        String key = key();
        gateway.faults("{\"drop_response_after_commit_rate\":1}");

        assertThatThrownBy(() -> gateway.charge(key, charge(1000, "tok_visa"))).isInstanceOf(IOException.class);

        assertThat(ledgerHasChargeWithKey(key)).isTrue();
        String chargeId = gateway.get("/v1/charges?idempotency_key=" + key).json()
                .path("data").get(0).path("id").asString();
        gateway.clearFaults();
        Reply retried = gateway.charge(key, charge(1000, "tok_visa"));
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.replayed()).isTrue();
        assertThat(retried.json().path("id").asString()).isEqualTo(chargeId);
        assertThat(ledgerHasChargeWithKey(key)).isTrue();
    }

    @Test
    void aDroppedConnectionCarriesNotOneByteOfAResponse() throws Exception {
        gateway.faults("{\"drop_response_after_commit_rate\":1}");
        String body = charge(1000, "tok_visa");
        String request = "POST /v1/charges HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Idempotency-Key: " + key() + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
            socket.setSoTimeout((int) Duration.ofSeconds(5).toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            try {
                for (int b = in.read(); b != -1; b = in.read()) {
                    received.write(b);
                }
            } catch (SocketException reset) {
                // A reset is as good a way to lose the answer as an end of stream.
            }
        }

        assertThat(received.toString(StandardCharsets.US_ASCII)).isEmpty();
    }

    @Test
    void malformedRateRecordsTheChargeAndAnswers200WithABodyThatIsNotJson() throws Exception {
        String key = key();
        gateway.faults("{\"malformed_rate\":1}");

        Reply garbled = gateway.charge(key, charge(1000, "tok_visa"));

        assertThat(garbled.status()).isEqualTo(200);
        assertThatThrownBy(() -> JsonMapper.builder().build().readTree(garbled.response().body()))
                .isInstanceOf(JacksonException.class);
        assertThat(ledgerHasChargeWithKey(key)).isTrue();
    }

    @Test
    void latencyHoldsEveryWriteBack() throws Exception {
        gateway.faults("{\"latency_ms\":300}");
        long started = System.nanoTime();

        Reply reply = gateway.charge(key(), charge(1000, "tok_visa"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void faultsNeverTouchReadsSoTheLedgerStaysAnOracle() throws Exception {
        gateway.faults("{\"error_rate\":1,\"reset_rate\":1,\"malformed_rate\":1,\"latency_ms\":2000}");
        long started = System.nanoTime();

        Reply ledger = gateway.get(GatewayClient.LEDGER);
        Reply charges = gateway.get("/v1/charges?idempotency_key=" + key());

        assertThat(ledger.status()).isEqualTo(200);
        assertThat(ledger.json()).isNotNull();
        assertThat(charges.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void faultsApplyToRefundsToo() throws Exception {
        String chargeId = gateway.charge(key(), charge(1000, "tok_visa")).json().path("id").asString();
        String key = key();
        gateway.faults("{\"drop_response_after_commit_rate\":1}");

        assertThatThrownBy(() -> gateway.refund(key, "{\"charge\":\"" + chargeId + "\"}"))
                .isInstanceOf(IOException.class);

        gateway.clearFaults();
        assertThat(gateway.get("/v1/charges/" + chargeId).json().path("refunded").asBoolean()).isTrue();
        Reply retried = gateway.refund(key, "{\"charge\":\"" + chargeId + "\"}");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.replayed()).isTrue();
    }
}
