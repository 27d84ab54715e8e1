package dev.checkout.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Charging: one charge per order, whatever is resent or goes wrong on the way. */
class ChargingIT extends PaymentIntegrationTest {

    @Test
    void aChargeSentTwiceChargesTheCardOnceAndAnswersBothWithThatCharge() {
        String orderId = PaymentTraffic.newOrderId();

        traffic.charge(orderId, "25.00", "tok_visa");
        traffic.charge(orderId, "25.00", "tok_visa");

        PaymentTraffic.Event processed = traffic.awaitEvent(orderId, "PaymentProcessed");
        assertThat(chargesOf(orderId)).singleElement().satisfies(charge -> {
            assertThat(charge.id()).isEqualTo(processed.text("transaction_id"));
            assertThat(charge.amount()).isEqualTo(2500);
        });
        assertThat(processed.text("card_last4")).isEqualTo("4242");
        assertThat(jdbc.sql("select card_brand from payment.payments where order_id = :order").param("order", orderId)
                .query(String.class).single()).isEqualTo("visa");
        traffic.charge(orderId, "25.00", "tok_visa");
        assertThat(traffic.awaitEvents(orderId, "PaymentProcessed", 2)).extracting(event -> event.text("transaction_id"))
                .containsOnly(processed.text("transaction_id"));
        assertThat(chargesOf(orderId)).hasSize(1);
    }

    @Test
    void aChargeForAnOrderThatAlreadyFailedIsRefusedAndNeverReachesTheGateway() {
        String orderId = PaymentTraffic.newOrderId();
        traffic.orderFailed(orderId);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from payment.closed_orders where order_id = ?").param(orderId).query(Long.class).single() == 1);
        long before = SIMULATOR.requests().charges();

        traffic.charge(orderId, "25.00", "tok_visa"); // late, or replayed from the dead letters

        assertThat(traffic.awaitEvent(orderId, "PaymentFailed").text("reason")).isEqualTo("order_closed");
        assertThat(SIMULATOR.requests().charges()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from payment.payments where order_id = ?").param(orderId).query(Long.class).single()).isZero();
    }

    @Test
    void aRefundAskedForBeforeAnyChargeRefusesTheChargeThatArrivesAfterIt() {
        String orderId = PaymentTraffic.newOrderId();
        traffic.refund(orderId, null, "order_failed");
        traffic.awaitEvent(orderId, "PaymentRefunded");
        long before = SIMULATOR.requests().charges();

        traffic.charge(orderId, "25.00", "tok_visa");

        assertThat(traffic.awaitEvent(orderId, "PaymentFailed").text("reason")).isEqualTo("order_closed");
        assertThat(SIMULATOR.requests().charges()).isEqualTo(before);
    }

    @Test
    void declinesAreFailuresWithTheirReasonAndTakeNothing() {
        String declined = PaymentTraffic.newOrderId();
        String broke = PaymentTraffic.newOrderId();

        traffic.charge(declined, "10.00", "tok_chargeDeclined");
        traffic.charge(broke, "10.00", "tok_insufficient_funds");

        assertThat(traffic.awaitEvent(declined, "PaymentFailed").text("reason")).isEqualTo("payment_declined");
        assertThat(traffic.awaitEvent(broke, "PaymentFailed").text("reason")).isEqualTo("insufficient_funds");
        assertThat(chargesOf(declined)).singleElement().satisfies(charge -> assertThat(charge.succeeded()).isFalse());
    }

    @Test
    void aGatewayThatSaysItIsDownIsAskedThreeTimesThenThePaymentIsUnavailable() {
        String orderId = PaymentTraffic.newOrderId();
        long before = SIMULATOR.requests().charges();

        traffic.charge(orderId, "10.00", "tok_gateway_error");

        assertThat(traffic.awaitEvent(orderId, "PaymentFailed").text("reason")).isEqualTo("payment_unavailable");
        assertThat(SIMULATOR.requests().charges() - before).isEqualTo(3);
        assertThat(chargesOf(orderId)).isEmpty();
    }

    @Test
    void aChargeWhoseAnswerIsLateIsPendingThenResolvedBySendingTheSameChargeAgain() {
        String orderId = PaymentTraffic.newOrderId();
        long before = SIMULATOR.requests().charges();

        traffic.charge(orderId, "12.34", "tok_timeout");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "PENDING".equals(statusOf(orderId)));
        PaymentTraffic.Event processed = traffic.awaitEvent(orderId, "PaymentProcessed");
        assertThat(chargesOf(orderId)).singleElement().satisfies(charge -> assertThat(charge.id()).isEqualTo(processed.text("transaction_id")));
        assertThat(SIMULATOR.requests().charges() - before).isGreaterThanOrEqualTo(2);
        assertThat(statusOf(orderId)).isEqualTo("CAPTURED");
    }

    @Test
    void anAnswerLostAfterTheChargeIsRecoveredFromTheGatewayWithoutASecondCharge() {
        String orderId = PaymentTraffic.newOrderId();
        SIMULATOR.faults(Map.of("drop_response_after_commit_rate", 1));

        traffic.charge(orderId, "8.00", "tok_visa");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "PENDING".equals(statusOf(orderId)) && chargesOf(orderId).size() == 1);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> "PENDING".equals(statusOf(orderId)));
        SIMULATOR.clearFaults();

        PaymentTraffic.Event processed = traffic.awaitEvent(orderId, "PaymentProcessed");
        assertThat(chargesOf(orderId)).singleElement().satisfies(charge -> assertThat(charge.id()).isEqualTo(processed.text("transaction_id")));
    }

    @Test
    void aGarbledAnswerIsAnUnknownOutcomeResolvedTheSameWay() {
        String orderId = PaymentTraffic.newOrderId();
        SIMULATOR.faults(Map.of("malformed_rate", 1));

        traffic.charge(orderId, "9.00", "tok_visa");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "PENDING".equals(statusOf(orderId)));
        SIMULATOR.clearFaults();

        PaymentTraffic.Event processed = traffic.awaitEvent(orderId, "PaymentProcessed");
        assertThat(chargesOf(orderId)).singleElement().satisfies(charge -> assertThat(charge.id()).isEqualTo(processed.text("transaction_id")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242 4242 4242 4242", "tok_4242424242424242"})
    void aCardNumberSentAsOrInsideATokenIsRefusedAndNeitherStoredNorSentToTheGateway(String token) {
        String orderId = PaymentTraffic.newOrderId();
        long before = SIMULATOR.requests().charges();

        traffic.charge(orderId, "5.00", token);

        assertThat(traffic.awaitEvent(orderId, "PaymentFailed").text("reason")).isEqualTo("payment_declined");
        assertThat(jdbc.sql("select count(*) from payment.payments where order_id = :order").param("order", orderId)
                .query(Integer.class).single()).isZero();
        assertThat(SIMULATOR.requests().charges()).isEqualTo(before);
        assertThat(traffic.events(orderId).toString()).doesNotContain(token.replace(" ", "")).doesNotContain(token);
    }
}
