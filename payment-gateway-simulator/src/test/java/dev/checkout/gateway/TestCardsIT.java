package dev.checkout.gateway;

import static dev.checkout.gateway.GatewayClient.charge;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.checkout.gateway.GatewayClient.Reply;

import tools.jackson.databind.JsonNode;

/** Each test card token does what docs/api.md says, and the ledger agrees. */
class TestCardsIT {

    @TempDir
    static Path dataDirectory;

    static RunningGatewaySimulator simulator;
    static GatewayClient gateway;

    @BeforeAll
    static void start() {
        simulator = GatewaySimulator.start(0, dataDirectory);
        gateway = new GatewayClient(simulator.baseUrl());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static JsonNode ledgerCharge(String id) throws Exception {
        for (JsonNode charge : gateway.ledgerCharges()) {
            if (charge.path("id").asString().equals(id)) {
                return charge;
            }
        }
        return null;
    }

    @Test
    void aVisaCardIsChargedAndTheChargeIsInTheLedger() throws Exception {
        String key = key();

        Reply reply = gateway.charge(key, "{\"amount\":1999,\"currency\":\"USD\",\"source\":\"tok_visa\","
                + "\"description\":\"order 42\",\"metadata\":{\"order_id\":\"order_42\"}}");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode charge = reply.json();
        assertThat(charge.path("id").asString()).startsWith("ch_");
        assertThat(charge.path("object").asString()).isEqualTo("charge");
        assertThat(charge.path("status").asString()).isEqualTo("succeeded");
        assertThat(charge.path("amount").asLong()).isEqualTo(1999);
        assertThat(charge.path("currency").asString()).isEqualTo("usd");
        assertThat(charge.path("source").asString()).isEqualTo("tok_visa");
        assertThat(charge.path("source_last4").asString()).isEqualTo("4242");
        assertThat(charge.path("source_brand").asString()).isEqualTo("visa");
        assertThat(charge.path("created").asLong()).isPositive();
        assertThat(charge.path("idempotency_key").asString()).isEqualTo(key);
        assertThat(charge.path("description").asString()).isEqualTo("order 42");
        assertThat(charge.path("metadata").path("order_id").asString()).isEqualTo("order_42");
        assertThat(charge.path("amount_refunded").asLong()).isZero();
        assertThat(charge.path("refunded").asBoolean()).isFalse();
        assertThat(reply.replayed()).isFalse();
        JsonNode recorded = ledgerCharge(charge.path("id").asString());
        assertThat(recorded.path("status").asString()).isEqualTo("succeeded");
        assertThat(recorded.path("amount").asLong()).isEqualTo(1999);
        assertThat(recorded.path("idempotency_key").asString()).isEqualTo(key);
        assertThat(recorded.path("source_last4").asString()).isEqualTo("4242");
    }

    @Test
    void aMastercardIsChargedWithItsOwnLastFourDigits() throws Exception {
        Reply reply = gateway.charge(key(), charge(500, "tok_mastercard"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("source_last4").asString()).isEqualTo("4444");
        assertThat(reply.json().path("source_brand").asString()).isEqualTo("mastercard");
    }

    @Test
    void aDeclinedCardAnswers402AndIsRecordedAsAFailedCharge() throws Exception {
        Reply reply = gateway.charge(key(), charge(1000, "tok_chargeDeclined"));

        assertThat(reply.status()).isEqualTo(402);
        assertThat(reply.json().path("error").path("type").asString()).isEqualTo("card_error");
        assertThat(reply.error()).isEqualTo("card_declined");
        String chargeId = reply.json().path("error").path("charge").asString();
        assertThat(chargeId).startsWith("ch_");
        JsonNode recorded = ledgerCharge(chargeId);
        assertThat(recorded.path("status").asString()).isEqualTo("failed");
        assertThat(recorded.path("failure_code").asString()).isEqualTo("card_declined");
        assertThat(gateway.get("/v1/charges/" + chargeId).json().path("status").asString()).isEqualTo("failed");
    }

    @Test
    void insufficientFundsAnswers402WithItsOwnCode() throws Exception {
        Reply reply = gateway.charge(key(), charge(1000, "tok_insufficient_funds"));

        assertThat(reply.status()).isEqualTo(402);
        assertThat(reply.error()).isEqualTo("insufficient_funds");
        JsonNode recorded = ledgerCharge(reply.json().path("error").path("charge").asString());
        assertThat(recorded.path("failure_code").asString()).isEqualTo("insufficient_funds");
    }

    @Test
    void aGatewayErrorAnswers503AndRecordsNothing() throws Exception {
        String key = key();

        Reply reply = gateway.charge(key, charge(1000, "tok_gateway_error"));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().path("error").path("type").asString()).isEqualTo("api_error");
        assertThat(reply.error()).isEqualTo("gateway_unavailable");
        assertThat(gateway.get("/v1/charges?idempotency_key=" + key).json().path("data")).isEmpty();
    }

    @Test
    void aSlowCardIsChargedButAnsweredOnlyAfterTwoSeconds() throws Exception {
        long started = System.nanoTime();

        Reply reply = gateway.charge(key(), charge(700, "tok_slow"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void anUnknownTokenIsRefusedNamingTheSource() throws Exception {
        Reply reply = gateway.charge(key(), charge(1000, "tok_unknown"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(reply.json().path("error").path("param").asString()).isEqualTo("source");
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() throws Exception {
        assertThat(gateway.charge(key(), "{\"currency\":\"usd\",\"source\":\"tok_visa\"}").json()
                .path("error").path("param").asString()).isEqualTo("amount");
        assertThat(gateway.charge(key(), "{\"amount\":0,\"currency\":\"usd\",\"source\":\"tok_visa\"}").error())
                .isEqualTo("parameter_invalid_integer");
        assertThat(gateway.charge(key(), "{\"amount\":10.5,\"currency\":\"usd\",\"source\":\"tok_visa\"}").error())
                .isEqualTo("parameter_invalid_integer");
        assertThat(gateway.charge(key(), "{\"amount\":100,\"currency\":\"dollars\",\"source\":\"tok_visa\"}").json()
                .path("error").path("param").asString()).isEqualTo("currency");
        assertThat(gateway.charge(key(), "{\"amount\":100,\"currency\":\"usd\",\"source\":\"tok_visa\",\"x\":1}")
                .error()).isEqualTo("parameter_unknown");
        Reply notJson = gateway.charge(key(), "amount=100");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.error()).isEqualTo("invalid_json");
    }

    @Test
    void aChargeCanBeReadBackByIdAndByItsIdempotencyKey() throws Exception {
        String key = key();
        String id = gateway.charge(key, charge(1200, "tok_visa")).json().path("id").asString();

        Reply byId = gateway.get("/v1/charges/" + id);
        Reply byKey = gateway.get("/v1/charges?idempotency_key=" + key);

        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().path("amount").asLong()).isEqualTo(1200);
        assertThat(byKey.json().path("object").asString()).isEqualTo("list");
        assertThat(byKey.json().path("data")).hasSize(1);
        assertThat(byKey.json().path("data").get(0).path("id").asString()).isEqualTo(id);
    }

    @Test
    void anUnknownChargeIsNotFound() throws Exception {
        Reply reply = gateway.get("/v1/charges/ch_doesnotexist");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("resource_missing");
    }

    @Test
    void partialRefundsAddUpToTheChargeAndNeverBeyond() throws Exception {
        String id = gateway.charge(key(), charge(1000, "tok_visa")).json().path("id").asString();

        Reply partial = gateway.refund(key(), "{\"charge\":\"" + id + "\",\"amount\":300}");
        Reply tooMuch = gateway.refund(key(), "{\"charge\":\"" + id + "\",\"amount\":701}");
        Reply rest = gateway.refund(key(), "{\"charge\":\"" + id + "\"}");
        Reply again = gateway.refund(key(), "{\"charge\":\"" + id + "\"}");

        assertThat(partial.status()).isEqualTo(200);
        assertThat(partial.json().path("id").asString()).startsWith("re_");
        assertThat(partial.json().path("object").asString()).isEqualTo("refund");
        assertThat(partial.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(partial.json().path("amount").asLong()).isEqualTo(300);
        assertThat(partial.json().path("charge").asString()).isEqualTo(id);
        assertThat(partial.json().path("currency").asString()).isEqualTo("usd");
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.error()).isEqualTo("amount_too_large");
        assertThat(rest.json().path("amount").asLong()).isEqualTo(700);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.error()).isEqualTo("charge_already_refunded");
        JsonNode charge = gateway.get("/v1/charges/" + id).json();
        assertThat(charge.path("amount_refunded").asLong()).isEqualTo(1000);
        assertThat(charge.path("refunded").asBoolean()).isTrue();
        JsonNode refunds = gateway.get(GatewayClient.LEDGER).json().path("refunds");
        long refunded = 0;
        for (JsonNode refund : refunds) {
            if (refund.path("charge").asString().equals(id)) {
                refunded += refund.path("amount").asLong();
            }
        }
        assertThat(refunded).isEqualTo(1000);
    }

    @Test
    void aDeclinedChargeCannotBeRefunded() throws Exception {
        String id = gateway.charge(key(), charge(1000, "tok_chargeDeclined")).json()
                .path("error").path("charge").asString();

        Reply reply = gateway.refund(key(), "{\"charge\":\"" + id + "\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("charge_not_refundable");
    }

    @Test
    void refundingAnUnknownChargeIsRefused() throws Exception {
        Reply reply = gateway.refund(key(), "{\"charge\":\"ch_nope\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("param").asString()).isEqualTo("charge");
    }

    @Test
    void anythingElseIsAnsweredWithJsonNeverAnHtmlPage() throws Exception {
        Reply unknownUrl = gateway.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/nowhere"))
                .header("Accept", "text/html").GET());
        Reply wrongMethod = gateway.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/v1/ledger"))
                .header("Accept", "text/html").DELETE());
        Reply errorPage = gateway.get("/error");

        for (Reply reply : new Reply[] {unknownUrl, wrongMethod, errorPage}) {
            assertThat(reply.response().headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(reply.json().path("error").path("type").asString()).isEqualTo("invalid_request_error");
        }
        assertThat(unknownUrl.status()).isEqualTo(404);
        assertThat(wrongMethod.status()).isEqualTo(405);
    }
}
