package dev.checkout.order.returns;

import dev.checkout.order.orders.OrderMother;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import dev.checkout.order.orders.Order;
import dev.checkout.order.orders.OrderStatus;

/** What a customer may return and what it refunds, without servers. */
class OrderReturnTest {

    static final Instant DELIVERED = Instant.parse("2026-11-20T10:00:00Z");
    static final Instant SOON_AFTER = DELIVERED.plus(Duration.ofDays(2));
    static final Duration WINDOW = Duration.ofDays(30);

    /** Two lines (3 × 10.00 and 1 × 20.00, subtotal 50.00), 5.00 off, 4.50 tax, 7.00 shipping: 56.50 paid. */
    static Order deliveredOrder() {
        List<Order.Line> lines = List.of(new Order.Line("prod_a", null, "A", 3, new BigDecimal("10.00")),
                new Order.Line("prod_b", null, "B", 1, new BigDecimal("20.00")));
        Order.Totals totals = new Order.Totals(new BigDecimal("50.00"), new BigDecimal("5.00"), new BigDecimal("4.50"),
                new BigDecimal("7.00"), new BigDecimal("56.50"), "USD");
        Order order = Order.place("order_0123456789abcdef0123456789abcdef", "user_1", null, null, null, lines, totals, null, "card", DELIVERED);
        order.confirm(DELIVERED);
        order.advance(OrderStatus.PROCESSING, null, DELIVERED);
        order.advance(OrderStatus.SHIPPED, "TRACK-1", DELIVERED);
        order.advance(OrderStatus.DELIVERED, null, DELIVERED);
        return order;
    }

    static OrderReturn.Asked asked(String productId, int quantity) {
        return new OrderReturn.Asked(productId, null, quantity);
    }

    static OrderReturn request(Order order, List<OrderReturn> earlier, OrderReturn.Asked... items) {
        return OrderReturn.request("ret_" + earlier.size(), order, DELIVERED, earlier, List.of(items), "changed my mind", WINDOW, SOON_AFTER);
    }

    @Test
    void aLineRefundsItsPriceLessItsShareOfTheDiscountPlusItsShareOfTheTax() {
        OrderReturn oneOfThree = request(deliveredOrder(), List.of(), asked("prod_a", 1));

        // 10.00 is a fifth of the subtotal: 10.00 - 1.00 + 0.90
        assertThat(oneOfThree.refundAmount()).isEqualByComparingTo("9.90");
        assertThat(oneOfThree.items()).singleElement().satisfies(item -> assertThat(item.quantity()).isEqualTo(1));
        assertThat(oneOfThree.completesOrder()).isFalse();
    }

    @Test
    void theReturnOfTheLastUnitsRefundsWhatIsLeftOfTheTotalShippingIncluded() {
        Order order = deliveredOrder();
        List<OrderReturn> earlier = new ArrayList<>();
        earlier.add(request(order, earlier, asked("prod_a", 3)));
        OrderReturn last = request(order, earlier, asked("prod_b", 1));

        assertThat(earlier.getFirst().refundAmount()).isEqualByComparingTo("29.70");
        assertThat(last.completesOrder()).isTrue();
        assertThat(last.refundAmount()).isEqualByComparingTo("26.80"); // 56.50 - 29.70: line B's 19.80 and the 7.00 shipping
    }

    @Test
    void noLineComesBackTwiceOrBeyondWhatWasBought() {
        Order order = deliveredOrder();
        List<OrderReturn> earlier = new ArrayList<>();
        earlier.add(request(order, earlier, asked("prod_b", 1)));

        assertThatThrownBy(() -> request(order, earlier, asked("prod_b", 1)))
                .isInstanceOfSatisfying(OrderReturn.Refused.class, refused -> assertThat(refused.code).isEqualTo("return_quantity_exceeded"));
        assertThatThrownBy(() -> request(order, earlier, asked("prod_a", 4)))
                .isInstanceOfSatisfying(OrderReturn.Refused.class, refused -> assertThat(refused.code).isEqualTo("return_quantity_exceeded"));
        assertThatThrownBy(() -> request(order, earlier, asked("prod_never_bought", 1)))
                .isInstanceOfSatisfying(OrderReturn.Refused.class, refused -> assertThat(refused.code).isEqualTo("return_quantity_exceeded"));
    }

    @Test
    void aRejectedReturnGivesItsUnitsBackToReturnLater() {
        Order order = deliveredOrder();
        List<OrderReturn> earlier = new ArrayList<>();
        earlier.add(request(order, earlier, asked("prod_b", 1)));
        earlier.getFirst().reject("worn", SOON_AFTER);

        assertThat(request(order, earlier, asked("prod_b", 1)).items()).hasSize(1);
    }

    @Test
    void askingForNothingInParticularReturnsEverythingNotYetReturned() {
        Order order = deliveredOrder();
        List<OrderReturn> earlier = new ArrayList<>();
        earlier.add(request(order, earlier, asked("prod_a", 2)));
        OrderReturn rest = request(order, earlier);

        assertThat(rest.items()).extracting(OrderReturn.Item::productId, OrderReturn.Item::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("prod_a", 1), org.assertj.core.groups.Tuple.tuple("prod_b", 1));
        assertThat(rest.completesOrder()).isTrue();
    }

    @Test
    void onlyADeliveredOrderInsideTheWindowCanBeReturned() {
        Order order = deliveredOrder();
        assertThatThrownBy(() -> OrderReturn.request("ret_1", order, DELIVERED, List.of(), List.of(), null, WINDOW, DELIVERED.plus(Duration.ofDays(31))))
                .isInstanceOfSatisfying(OrderReturn.Refused.class, refused -> {
                    assertThat(refused.code).isEqualTo("return_window_closed");
                    assertThat(refused.conflict).isTrue();
                });
        Order pending = OrderMother.pendingOrder();
        assertThatThrownBy(() -> OrderReturn.request("ret_2", pending, null, List.of(), List.of(), null, WINDOW, SOON_AFTER))
                .isInstanceOfSatisfying(OrderReturn.Refused.class, refused -> assertThat(refused.code).isEqualTo("invalid_transition"));
    }

    @Test
    void aReturnIsApprovedOrRejectedOnceAndRefundedOnlyAfterApproval() {
        OrderReturn orderReturn = request(deliveredOrder(), List.of(), asked("prod_a", 1));
        assertThat(orderReturn.refunded(SOON_AFTER)).isFalse();

        orderReturn.approve(SOON_AFTER);

        assertThatThrownBy(() -> orderReturn.reject("late", SOON_AFTER)).isInstanceOf(OrderReturn.Refused.class);
        assertThat(orderReturn.refunded(SOON_AFTER)).isTrue();
        assertThat(orderReturn.refunded(SOON_AFTER)).isFalse();
        assertThat(orderReturn.status()).isEqualTo(OrderReturn.Status.REFUNDED);
        assertThat(orderReturn.refundReason()).isEqualTo("return:" + orderReturn.returnId());
    }
}
