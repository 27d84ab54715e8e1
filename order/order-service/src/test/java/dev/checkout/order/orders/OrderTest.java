package dev.checkout.order.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class OrderTest {

    static final Instant NOW = OrderMother.NOW;

    @Test
    void aPlacedOrderIsPendingWithAHumanReadableNumberAndAnnouncesItself() {
        Order order = OrderMother.pendingOrder();
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.orderNumber()).isEqualTo("ORD-20261122-6789ABCDEF");
        assertThat(order.takeEvents()).singleElement().isInstanceOf(OrderEvent.Placed.class);
    }

    @Test
    void confirmingAPendingOrderRecordsTheChange() {
        Order order = OrderMother.pendingOrder();
        order.takeEvents();
        order.paymentCaptured("pay_1", "ch_1", NOW);
        order.confirm(NOW);
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.takeEvents()).singleElement().isEqualTo(new OrderEvent.StatusChanged(order, OrderStatus.PENDING, OrderStatus.CONFIRMED, null, NOW));
    }

    @Test
    void aFailedOrderKeepsItsReasonAndACapturedPaymentIsMarkedRefunded() {
        Order order = OrderMother.pendingOrder();
        order.paymentCaptured("pay_1", "ch_1", NOW);
        order.fail("checkout_expired", NOW);
        assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(order.failureReason()).isEqualTo("checkout_expired");
        assertThat(order.paymentStatus()).isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    void transitionsTheBusinessDoesNotAllowAreRefused() {
        Order order = OrderMother.pendingOrder();
        assertThatThrownBy(() -> order.advance(OrderStatus.SHIPPED, null, NOW)).isInstanceOf(Order.InvalidTransition.class);
        order.fail("payment_declined", NOW);
        assertThatThrownBy(() -> order.confirm(NOW)).isInstanceOf(Order.InvalidTransition.class);
        assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
    }

    @Test
    void theStatusTableFollowsTheSeed() {
        assertThat(OrderStatus.PENDING.mayBecome(OrderStatus.CONFIRMED)).isTrue();
        assertThat(OrderStatus.CONFIRMED.mayBecome(OrderStatus.PROCESSING)).isTrue();
        assertThat(OrderStatus.PROCESSING.mayBecome(OrderStatus.SHIPPED)).isTrue();
        assertThat(OrderStatus.SHIPPED.mayBecome(OrderStatus.DELIVERED)).isTrue();
        assertThat(OrderStatus.DELIVERED.mayBecome(OrderStatus.RETURNED)).isTrue();
        assertThat(OrderStatus.RETURNED.mayBecome(OrderStatus.REFUNDED)).isTrue();
        assertThat(OrderStatus.SHIPPED.mayBecome(OrderStatus.CANCELLED)).isFalse();
        assertThat(OrderStatus.DELIVERED.mayBecome(OrderStatus.PENDING)).isFalse();
    }

    @Test
    void anOrderLineOrdersAtLeastOneUnit() {
        assertThatThrownBy(() -> new Order.Line("prod_1", null, "Widget", 0, BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class);
    }
}
