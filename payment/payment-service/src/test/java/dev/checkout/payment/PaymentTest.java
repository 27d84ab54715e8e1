package dev.checkout.payment;

import static dev.checkout.payment.PaymentMother.BACKOFF;
import static dev.checkout.payment.PaymentMother.LONGEST_CALL;
import static dev.checkout.payment.PaymentMother.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class PaymentTest {

    @Test
    void everyAttemptForAnOrderUsesTheSameKeyDerivedFromTheOrder() {
        assertThat(PaymentMother.initiated("10.00").idempotencyKey()).isEqualTo("order_1:charge");
    }

    @Test
    void aCardNumberIsNeverAcceptedAsAToken() {
        assertThatThrownBy(() -> Payment.initiate("pay_1", "order_1", "user_1", new BigDecimal("1.00"), "USD", "card",
                "4242 4242 4242 4242", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Payment.initiate("pay_1", "order_1", "user_1", new BigDecimal("1.00"), "USD", "card",
                "tok_4242424242424242", NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAttemptInFlightOwnsThePaymentUntilItsLongestCallAndBackoffHavePassed() {
        Payment payment = PaymentMother.inFlight("10.00");

        assertThat(payment.nextAttemptAt()).isEqualTo(NOW.plus(LONGEST_CALL).plusSeconds(1));
        assertThat(payment.startAttempt(NOW.plusSeconds(5), LONGEST_CALL, BACKOFF)).isFalse();
        assertThat(payment.attempts()).isEqualTo(1);
    }

    @Test
    void anAttemptThatNeverReportedBackMakesThePaymentPendingBecauseItMayHaveCharged() {
        Payment payment = PaymentMother.inFlight("10.00");

        assertThat(payment.startAttempt(payment.nextAttemptAt(), LONGEST_CALL, BACKOFF)).isTrue();

        assertThat(payment.status()).isEqualTo(Payment.Status.PENDING);
        assertThat(payment.attempts()).isEqualTo(2);
    }

    @Test
    void aGatewayThatDidNotActFailsAPaymentNoAttemptCouldHaveCharged() {
        Payment payment = PaymentMother.inFlight("10.00");

        payment.gatewayUnavailable(NOW, BACKOFF);

        assertThat(payment.status()).isEqualTo(Payment.Status.FAILED);
        assertThat(payment.failureReason()).isEqualTo("payment_unavailable");
        assertThat(payment.takeEvents()).singleElement().isInstanceOf(PaymentEvent.Failed.class);
    }

    @Test
    void aPendingPaymentIsNeverFailedByGuessEvenWhenTheGatewayIsDown() {
        Payment payment = PaymentMother.pending("10.00");

        payment.gatewayUnavailable(NOW.plusSeconds(3), BACKOFF);

        assertThat(payment.status()).isEqualTo(Payment.Status.PENDING);
        assertThat(payment.nextAttemptAt()).isEqualTo(NOW.plusSeconds(4));
        assertThat(payment.takeEvents()).isEmpty();
    }

    @Test
    void anUnknownOutcomeIsSentAgainAfterABackoffThatGrowsWithEachAttempt() {
        Payment payment = PaymentMother.pending("10.00");
        assertThat(payment.nextAttemptAt()).isEqualTo(NOW.plusSeconds(1));

        payment.startAttempt(NOW.plusSeconds(1), LONGEST_CALL, BACKOFF);
        payment.outcomeUnknown(NOW.plusSeconds(2), BACKOFF);

        assertThat(payment.nextAttemptAt()).isEqualTo(NOW.plusSeconds(4));
    }

    @Test
    void theGatewaysAnswerToTheSameChargeResolvesAPendingPayment() {
        Payment payment = PaymentMother.pending("10.00");

        payment.captured("ch_1", "4242", "visa");

        assertThat(payment.status()).isEqualTo(Payment.Status.CAPTURED);
        assertThat(payment.gatewayChargeId()).isEqualTo("ch_1");
        assertThat(payment.cardBrand()).isEqualTo("visa");
        assertThat(payment.nextAttemptAt()).isNull();
        assertThat(payment.takeEvents()).singleElement().isInstanceOf(PaymentEvent.Captured.class);
    }

    @Test
    void aSettledPaymentIgnoresLateAnswersAndIsNotAttemptedAgain() {
        Payment payment = PaymentMother.captured("10.00");

        payment.declined("payment_declined");
        payment.outcomeUnknown(NOW, BACKOFF);

        assertThat(payment.status()).isEqualTo(Payment.Status.CAPTURED);
        assertThat(payment.startAttempt(NOW.plusSeconds(3600), LONGEST_CALL, BACKOFF)).isFalse();
        assertThat(payment.takeEvents()).isEmpty();
    }

    @Test
    void refundsNeverExceedWhatWasCaptured() {
        Payment payment = PaymentMother.captured("10.00");

        payment.refunded(new BigDecimal("4.00"));
        assertThat(payment.status()).isEqualTo(Payment.Status.PARTIALLY_REFUNDED);
        assertThat(payment.refundable()).isEqualByComparingTo("6.00");

        assertThatThrownBy(() -> payment.refunded(new BigDecimal("6.01"))).isInstanceOf(IllegalStateException.class);
        payment.refunded(new BigDecimal("6.00"));
        assertThat(payment.status()).isEqualTo(Payment.Status.REFUNDED);
        assertThat(payment.refundable()).isZero();
    }

    @Test
    void nothingIsRefundableBeforeACaptureIsConfirmed() {
        assertThat(PaymentMother.pending("10.00").refundable()).isZero();
    }
}
