package dev.checkout.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;

import dev.checkout.payment.PaymentServiceConfiguration.PaymentMessaging;
import dev.checkout.payment.api.PaymentRefunded;
import dev.checkout.payment.api.RefundFailed;
import dev.checkout.payment.api.RefundPayment;
import dev.checkout.platform.messaging.InboundMessage;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.transaction.support.TransactionTemplate;

/** What a refund command decides before any gateway call, without servers. */
class PaymentRefundsTest {

    private final Payments payments = mock(Payments.class);
    private final PaymentMessaging messaging = mock(PaymentMessaging.class);
    private final PaymentRefunds refunds = new PaymentRefunds(payments, mock(PaymentGateway.class), messaging,
            mock(TransactionTemplate.class), mock(GatewayWork.class), properties(), Clock.fixed(PaymentMother.NOW, ZoneOffset.UTC));
    private final InboundMessage cause = mock(InboundMessage.class);

    @Test
    void aRefundForAnOrderNeverChargedClosesItToChargesAndGivesBackNothing() {
        when(payments.lockByOrder("order_1")).thenReturn(Optional.empty());

        refunds.requestRefund(new RefundPayment("order_1", null, "order_cancelled"), cause);

        verify(payments).close("order_1", "refund_before_charge");
        assertThat(published()).isInstanceOfSatisfying(PaymentRefunded.class,
                refunded -> assertThat(refunded.amount()).isEqualByComparingTo(BigDecimal.ZERO));
    }

    @Test
    void aPartialRefundOfMoreThanIsLeftIsRefusedAndStartsNoRefund() {
        Payment payment = PaymentMother.captured("10.00");
        when(payments.lockByOrder("order_1")).thenReturn(Optional.of(payment));
        when(payments.refundWithKey(any())).thenReturn(Optional.empty());
        when(payments.refundsInFlight(payment.paymentId())).thenReturn(new BigDecimal("4.00"));

        refunds.requestRefund(new RefundPayment("order_1", new BigDecimal("7.00"), "damaged"), cause);

        assertThat(published()).isEqualTo(new RefundFailed("order_1", "refund_exceeds_captured", "damaged"));
        verify(payments, never()).addRefundIfAbsent(any());
    }

    @Test
    void aFullRefundAskedForWhileTheOutcomeIsUnknownWaitsForIt() {
        Payment payment = PaymentMother.pending("10.00");
        when(payments.lockByOrder("order_1")).thenReturn(Optional.of(payment));

        refunds.requestRefund(new RefundPayment("order_1", null, "order_failed"), cause);

        assertThat(payment.refundRequested()).isTrue();
        verify(payments).update(payment);
        verify(messaging, never()).announce(any(), any(), any());
    }

    private Object published() {
        ArgumentCaptor<Object> event = ArgumentCaptor.forClass(Object.class);
        verify(messaging).announce(eq("order_1"), event.capture(), eq(cause));
        return event.getValue();
    }

    private static PaymentProperties properties() {
        return new PaymentProperties("http://127.0.0.1:8090", Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(10), new PaymentProperties.Reconciliation(Duration.ofMinutes(5), Duration.ofHours(24), Duration.ofMinutes(2)));
    }
}
