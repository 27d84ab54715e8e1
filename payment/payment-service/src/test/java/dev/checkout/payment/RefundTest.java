package dev.checkout.payment;

import static dev.checkout.payment.PaymentMother.BACKOFF;
import static dev.checkout.payment.PaymentMother.LONGEST_CALL;
import static dev.checkout.payment.PaymentMother.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class RefundTest {

    @Test
    void theSameRefundRequestAlwaysHasTheSameKeyAndDifferentOnesDiffer() {
        assertThat(Refund.key("order_1", "order_failed", null)).isEqualTo("order_1:refund:order_failed:full");
        assertThat(Refund.key("order_1", "goodwill", new BigDecimal("5.00"))).isEqualTo("order_1:refund:goodwill:5.00");
        assertThat(Refund.key("order_1", "goodwill", new BigDecimal("5.00")))
                .isNotEqualTo(Refund.key("order_1", "goodwill", new BigDecimal("2.50")));
    }

    @Test
    void aRefundNotMadeYetIsSentAgainAfterABackoffAndNotBefore() {
        Refund refund = Refund.request("re_1", PaymentMother.captured("10.00"), new BigDecimal("10.00"), null, "order_failed", NOW);
        assertThat(refund.startAttempt(NOW, LONGEST_CALL, BACKOFF)).isTrue();

        refund.notMadeYet(NOW.plusSeconds(1), BACKOFF);

        assertThat(refund.startAttempt(NOW.plusSeconds(1), LONGEST_CALL, BACKOFF)).isFalse();
        assertThat(refund.startAttempt(NOW.plusSeconds(2), LONGEST_CALL, BACKOFF)).isTrue();
        assertThat(refund.attempts()).isEqualTo(2);
    }

    @Test
    void aSettledRefundIsNeverSentAgain() {
        Refund refund = Refund.request("re_1", PaymentMother.captured("10.00"), new BigDecimal("10.00"), null, "order_failed", NOW);
        refund.startAttempt(NOW, LONGEST_CALL, BACKOFF);

        refund.made("re_gateway");

        assertThat(refund.status()).isEqualTo(Refund.Status.PROCESSED);
        assertThat(refund.startAttempt(NOW.plusSeconds(3600), LONGEST_CALL, BACKOFF)).isFalse();
    }
}
