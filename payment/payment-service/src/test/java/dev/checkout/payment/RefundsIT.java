package dev.checkout.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import dev.checkout.gateway.SimulatorClient.LedgerCharge;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Refunds, full and partial: each request gives money back once, never more than was taken. */
class RefundsIT extends PaymentIntegrationTest {

    String capturedOrder(String amount) {
        String orderId = PaymentTraffic.newOrderId();
        traffic.charge(orderId, amount, "tok_visa");
        traffic.awaitEvent(orderId, "PaymentProcessed");
        return orderId;
    }

    static LedgerCharge chargeOf(String orderId) {
        return chargesOf(orderId).getFirst();
    }

    @Test
    void aPartialRefundSentTwiceIsMadeOnceAndAFullRefundGivesBackTheRest() {
        String orderId = capturedOrder("20.00");

        traffic.refund(orderId, "5.00", "goodwill");
        traffic.awaitEvent(orderId, "PaymentRefunded");
        traffic.refund(orderId, "5.00", "goodwill");

        var partial = traffic.awaitEvents(orderId, "PaymentRefunded", 2);
        assertThat(partial).extracting(event -> event.text("refund_id")).doesNotContainNull().containsOnly(partial.getFirst().text("refund_id"));
        assertThat(partial.getFirst().payload().path("amount").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(SIMULATOR.ledger().refundsOf(chargeOf(orderId).id())).singleElement()
                .satisfies(refund -> assertThat(refund.amount()).isEqualTo(500));

        traffic.refund(orderId, null, "order_cancelled");
        var rest = traffic.awaitEvents(orderId, "PaymentRefunded", 3).get(2);
        assertThat(rest.payload().path("amount").decimalValue()).isEqualByComparingTo("15.00");
        assertThat(rest.payload().path("total_refunded").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(SIMULATOR.ledger().netAmountOf(chargeOf(orderId))).isZero();
        assertThat(statusOf(orderId)).isEqualTo("REFUNDED");

        traffic.refund(orderId, null, "order_failed");
        var nothingLeft = traffic.awaitEvents(orderId, "PaymentRefunded", 4).get(3);
        assertThat(nothingLeft.payload().path("amount").decimalValue()).isZero();
        assertThat(SIMULATOR.ledger().refundsOf(chargeOf(orderId).id())).hasSize(2);
    }

    @Test
    void theSameRefundSentAgainWhileItIsBeingMadeIsAnsweredOnceItIsMade() {
        String orderId = capturedOrder("10.00");

        traffic.refund(orderId, "4.00", "goodwill");
        traffic.refund(orderId, "4.00", "goodwill");

        var made = traffic.awaitEvent(orderId, "PaymentRefunded");
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> SIMULATOR.ledger().refundsOf(chargeOf(orderId).id()).size() == 1);
        assertThat(made.payload().path("total_refunded").decimalValue()).isEqualByComparingTo("4.00");
    }

    @Test
    void aPartialRefundLargerThanWhatIsLeftIsRefusedAndMovesNoMoney() {
        String orderId = capturedOrder("10.00");

        traffic.refund(orderId, "12.00", "goodwill");

        assertThat(traffic.awaitEvent(orderId, "RefundFailed").text("reason")).isEqualTo("refund_exceeds_captured");
        assertThat(SIMULATOR.ledger().refundsOf(chargeOf(orderId).id())).isEmpty();
    }

    @Test
    void aFullRefundAskedForWhileTheChargeIsUnknownIsMadeOnceTheChargeTurnsOutToHaveHappened() {
        String orderId = PaymentTraffic.newOrderId();
        SIMULATOR.faults(Map.of("drop_response_after_commit_rate", 1));
        traffic.charge(orderId, "10.00", "tok_visa");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "PENDING".equals(statusOf(orderId)) && chargesOf(orderId).size() == 1);

        traffic.refund(orderId, null, "order_failed");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select refund_requested from payment.payments where order_id = :order")
                .param("order", orderId).query(Boolean.class).single());
        assertThat(traffic.events(orderId)).isEmpty();
        SIMULATOR.clearFaults();

        var refunded = traffic.awaitEvent(orderId, "PaymentRefunded");
        assertThat(refunded.payload().path("amount").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(SIMULATOR.ledger().netAmountOf(chargeOf(orderId))).isZero();
    }

    @Test
    void refundingAnOrderThatWasNeverChargedAnswersThatNothingWasTaken() {
        String declined = PaymentTraffic.newOrderId();
        traffic.charge(declined, "10.00", "tok_chargeDeclined");
        traffic.awaitEvent(declined, "PaymentFailed");
        String unknown = PaymentTraffic.newOrderId();

        traffic.refund(declined, null, "order_failed");
        traffic.refund(unknown, null, "order_failed");

        assertThat(traffic.awaitEvent(declined, "PaymentRefunded").payload().path("amount").decimalValue()).isZero();
        assertThat(traffic.awaitEvent(unknown, "PaymentRefunded").payload().path("amount").decimalValue()).isZero();
    }
}
