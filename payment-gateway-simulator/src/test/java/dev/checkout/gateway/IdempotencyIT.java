package dev.checkout.gateway;

import static dev.checkout.gateway.GatewayClient.charge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.checkout.gateway.GatewayClient.Reply;

import tools.jackson.databind.JsonNode;

/** An idempotency key never charges twice: not on a retry, not under concurrency, not across a restart. */
class IdempotencyIT {

    /** Short, so the test that waits out a held-back answer stays fast; long enough to retry while it is held. */
    static final Duration TIMEOUT_TOKEN_DELAY = Duration.ofSeconds(3);

    @TempDir
    Path dataDirectory;

    RunningGatewaySimulator simulator;
    GatewayClient gateway;

    @BeforeEach
    void start() {
        simulator = GatewaySimulator.start(0, dataDirectory, TIMEOUT_TOKEN_DELAY);
        gateway = new GatewayClient(simulator.baseUrl());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private long chargesInLedgerWithKey(String key) throws Exception {
        long count = 0;
        for (JsonNode charge : gateway.ledgerCharges()) {
            if (charge.path("idempotency_key").asString("").equals(key)) {
                count++;
            }
        }
        return count;
    }

    @Test
    void sameKeyTwiceChargesOnceAndSaysTheSecondAnswerIsAReplay() throws Exception {
        String key = key();

        Reply first = gateway.charge(key, charge(2500, "tok_visa"));
        Reply second = gateway.charge(key, charge(2500, "tok_visa"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.response().body()).isEqualTo(first.response().body());
        assertThat(first.replayed()).isFalse();
        assertThat(second.replayed()).isTrue();
        assertThat(chargesInLedgerWithKey(key)).isEqualTo(1);
    }

    @Test
    void aDeclineIsReplayedWithItsOwnStatusAndBody() throws Exception {
        String key = key();

        Reply first = gateway.charge(key, charge(2500, "tok_chargeDeclined"));
        Reply second = gateway.charge(key, charge(2500, "tok_chargeDeclined"));

        assertThat(second.status()).isEqualTo(402);
        assertThat(second.response().body()).isEqualTo(first.response().body());
        assertThat(second.replayed()).isTrue();
        assertThat(chargesInLedgerWithKey(key)).isEqualTo(1);
    }

    @Test
    void sameKeyWithDifferentParametersIsRefused() throws Exception {
        String key = key();
        gateway.charge(key, charge(2500, "tok_visa"));

        Reply otherAmount = gateway.charge(key, charge(2600, "tok_visa"));
        Reply usedForARefund = gateway.refund(key, "{\"charge\":\"ch_whatever\"}");

        assertThat(otherAmount.status()).isEqualTo(400);
        assertThat(otherAmount.json().path("error").path("type").asString()).isEqualTo("idempotency_error");
        assertThat(usedForARefund.status()).isEqualTo(400);
        assertThat(usedForARefund.json().path("error").path("type").asString()).isEqualTo("idempotency_error");
        assertThat(chargesInLedgerWithKey(key)).isEqualTo(1);
    }

    @Test
    void twentyConcurrentRequestsWithOneKeyChargeExactlyOnce() throws Exception {
        String key = key();
        List<CompletableFuture<Reply>> replies = new ArrayList<>();

        for (int i = 0; i < 20; i++) {
            replies.add(gateway.postAsync("/v1/charges", key, charge(4200, "tok_visa")));
        }

        List<Reply> answered = replies.stream().map(CompletableFuture::join).toList();
        assertThat(answered).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(200));
        assertThat(answered.stream().map(reply -> reply.json().path("id").asString()).distinct()).hasSize(1);
        assertThat(answered.stream().filter(reply -> !reply.replayed())).hasSize(1);
        assertThat(chargesInLedgerWithKey(key)).isEqualTo(1);
    }

    @Test
    void aRetryWhileTokTimeoutStillHoldsItsAnswerGetsTheChargeAtOnce() throws Exception {
        String key = key();
        CompletableFuture<Reply> first = gateway.postAsync("/v1/charges", key, charge(999, "tok_timeout"));
        // The money moves before the answer is held back: wait until the ledger shows it.
        await().atMost(Duration.ofSeconds(2)).until(() -> chargesInLedgerWithKey(key) == 1);

        long started = System.nanoTime();
        Reply retry = gateway.charge(key, charge(999, "tok_timeout"));
        Duration retryTook = Duration.ofNanos(System.nanoTime() - started);

        assertThat(first).isNotDone();
        assertThat(retryTook).isLessThan(Duration.ofSeconds(1));
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.replayed()).isTrue();
        Reply late = first.join();
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.json().path("id").asString()).isEqualTo(retry.json().path("id").asString());
        assertThat(chargesInLedgerWithKey(key)).isEqualTo(1);
    }

    @Test
    void closingTheSimulatorCutsAnAnswerStillHeldBackButKeepsTheCharge() throws Exception {
        String key = key();
        CompletableFuture<Reply> held = gateway.postAsync("/v1/charges", key, charge(999, "tok_timeout"));
        await().atMost(Duration.ofSeconds(2)).until(() -> chargesInLedgerWithKey(key) == 1);

        long started = System.nanoTime();
        simulator.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT_TOKEN_DELAY);
        assertThatThrownBy(held::join).hasCauseInstanceOf(IOException.class);
        simulator = GatewaySimulator.start(0, dataDirectory, TIMEOUT_TOKEN_DELAY);
        gateway = new GatewayClient(simulator.baseUrl());
        Reply resolved = gateway.charge(key, charge(999, "tok_timeout"));
        assertThat(resolved.replayed()).isTrue();
        assertThat(chargesInLedgerWithKey(key)).isEqualTo(1);
    }

    @Test
    void aRestartOnTheSameDataDirectoryKeepsEveryChargeAndReplaysEveryKey() throws Exception {
        String chargeKey = key();
        String declineKey = key();
        String refundKey = key();
        Reply charged = gateway.charge(chargeKey, charge(3100, "tok_visa"));
        Reply declined = gateway.charge(declineKey, charge(3200, "tok_insufficient_funds"));
        String chargeId = charged.json().path("id").asString();
        String refundJson = "{\"charge\":\"" + chargeId + "\",\"amount\":100}";
        Reply refunded = gateway.refund(refundKey, refundJson);
        String ledgerBefore = gateway.get(GatewayClient.LEDGER).response().body();

        simulator.close();
        simulator = GatewaySimulator.start(0, dataDirectory, TIMEOUT_TOKEN_DELAY);
        gateway = new GatewayClient(simulator.baseUrl());

        assertThat(gateway.get(GatewayClient.LEDGER).response().body()).isEqualTo(ledgerBefore);
        Reply chargeAgain = gateway.charge(chargeKey, charge(3100, "tok_visa"));
        assertThat(chargeAgain.replayed()).isTrue();
        assertThat(chargeAgain.response().body()).isEqualTo(charged.response().body());
        Reply declineAgain = gateway.charge(declineKey, charge(3200, "tok_insufficient_funds"));
        assertThat(declineAgain.status()).isEqualTo(402);
        assertThat(declineAgain.response().body()).isEqualTo(declined.response().body());
        Reply refundAgain = gateway.refund(refundKey, refundJson);
        assertThat(refundAgain.replayed()).isTrue();
        assertThat(refundAgain.response().body()).isEqualTo(refunded.response().body());
        assertThat(gateway.get("/v1/charges/" + chargeId).json().path("amount_refunded").asLong()).isEqualTo(100);
        assertThat(gateway.charge(chargeKey, charge(1, "tok_visa")).status()).isEqualTo(400);
        assertThat(gateway.get(GatewayClient.LEDGER).response().body()).isEqualTo(ledgerBefore);
    }

    @Test
    void aRefundWithTheSameKeyTwiceRefundsOnce() throws Exception {
        String chargeId = gateway.charge(key(), charge(1000, "tok_visa")).json().path("id").asString();
        String key = key();

        Reply first = gateway.refund(key, "{\"charge\":\"" + chargeId + "\",\"amount\":400}");
        Reply second = gateway.refund(key, "{\"charge\":\"" + chargeId + "\",\"amount\":400}");

        assertThat(second.replayed()).isTrue();
        assertThat(second.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(gateway.get("/v1/charges/" + chargeId).json().path("amount_refunded").asLong()).isEqualTo(400);
    }

    @Test
    void withoutAKeyEveryRequestIsANewCharge() throws Exception {
        int before = gateway.ledgerCharges().size();

        gateway.charge(null, charge(100, "tok_visa"));
        gateway.charge(null, charge(100, "tok_visa"));

        assertThat(gateway.ledgerCharges().size()).isEqualTo(before + 2);
    }
}
