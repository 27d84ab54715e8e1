package dev.checkout.order.orders;

import dev.checkout.order.saga.SagaStepMeters;
import dev.checkout.order.saga.engine.SagaFakes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.checkout.inventory.api.ConfirmStock;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.OrderRestocked;
import dev.checkout.inventory.api.ReleaseStock;
import dev.checkout.inventory.api.ReserveStock;
import dev.checkout.inventory.api.RestockOrder;
import dev.checkout.inventory.api.StockConfirmationFailed;
import dev.checkout.inventory.api.StockConfirmed;
import dev.checkout.inventory.api.StockReleased;
import dev.checkout.inventory.api.StockReservationFailed;
import dev.checkout.inventory.api.StockReserved;
import dev.checkout.payment.api.ChargePayment;
import dev.checkout.payment.api.PaymentFailed;
import dev.checkout.payment.api.PaymentMethod;
import dev.checkout.payment.api.PaymentProcessed;
import dev.checkout.payment.api.PaymentRefunded;
import dev.checkout.payment.api.PaymentTopics;
import dev.checkout.payment.api.RefundPayment;
import dev.checkout.platform.core.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.checkout.order.OrderProperties;
import dev.checkout.order.saga.engine.SagaStatus;

/** The checkout saga's step table with its real messages, on in-memory fakes: no broker, no database. */
class PlaceOrderSagaTest {

    final SagaFakes.MutableClock clock = new SagaFakes.MutableClock();
    final SagaFakes.InMemoryStore store = new SagaFakes.InMemoryStore();
    final SagaFakes.RecordingBus bus = new SagaFakes.RecordingBus();
    final Orders orders = mock(Orders.class);
    final OrderEvents events = mock(OrderEvents.class);
    final OrderProperties properties = new OrderProperties(Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofSeconds(30), 5,
            Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofHours(24), Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofSeconds(30), new OrderProperties.Admission(true, Duration.ofSeconds(1), 200, 20, 2000, 0.95,
            Duration.ofSeconds(1), Duration.ofMinutes(10)));
    final PlaceOrderSaga saga = new PlaceOrderSaga(store, bus, orders, events, properties, clock,
            new SagaStepMeters(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    Order order;

    @BeforeEach
    void anOrderOfTwoWidgetsPaidByCard() {
        order = OrderMother.pendingOrder();
        when(orders.lock(order.orderId())).thenReturn(Optional.of(order));
        when(orders.find(order.orderId())).thenReturn(Optional.of(order));
        saga.engine().start("saga_1", order.orderId(), PlaceOrderSagaData.of(order, null, new PaymentMethod("card", "tok_visa")));
    }

    @Test
    void theSagaFirstReservesTheOrdersLinesForLongerThanTheLongestPayment() {
        ReserveStock reserve = bus.last(ReserveStock.class);
        assertThat(bus.commands.getFirst().topic()).isEqualTo(InventoryTopics.COMMANDS);
        assertThat(bus.commands.getFirst().key()).isEqualTo(order.orderId());
        assertThat(reserve.ownerId()).isEqualTo(order.orderId());
        assertThat(reserve.lines()).singleElement().satisfies(line -> {
            assertThat(line.productId()).isEqualTo("prod_1");
            assertThat(line.quantity()).isEqualTo(2);
        });
        assertThat(reserve.expiresAt()).isEqualTo(clock.instant().plus(properties.paymentHold()));
        assertThat(properties.paymentHold()).isGreaterThan(properties.paymentTimeout());
    }

    @Test
    void theHappyPathReservesChargesConfirmsTheStockAndConfirmsTheOrderWhichEndsTheSaga() {
        saga.engine().handle(order.orderId(), new StockReserved(order.orderId(), "res_1", List.of(), clock.instant().plusSeconds(1800)));
        ChargePayment charge = bus.last(ChargePayment.class);
        assertThat(bus.commands.getLast().topic()).isEqualTo(PaymentTopics.COMMANDS);
        assertThat(charge.amount()).isEqualTo(Money.of("19.98"));
        assertThat(charge.paymentMethod().cardToken()).isEqualTo("tok_visa");
        saga.engine().handle(order.orderId(), new PaymentProcessed(order.orderId(), "pay_1", Money.of("19.98"), "USD", "ch_1", "4242"));
        assertThat(bus.last(ConfirmStock.class).ownerId()).isEqualTo(order.orderId());
        saga.engine().handle(order.orderId(), new StockConfirmed(order.orderId(), "res_1"));

        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.transactionId()).isEqualTo("ch_1");
        verify(events).save(order);
        assertThat(store.saga(order.orderId()).status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(bus.sentTypes()).containsExactly(ReserveStock.class, ChargePayment.class, ConfirmStock.class);
    }

    @Test
    void insufficientStockFailsTheOrderWithThatReason() {
        saga.engine().handle(order.orderId(), new StockReservationFailed(order.orderId(), "insufficient_stock", List.of()));
        assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(order.failureReason()).isEqualTo("insufficient_stock");
    }

    @Test
    void aDeclinedCardReleasesTheStockBeforeTheOrderFails() {
        saga.engine().handle(order.orderId(), new StockReserved(order.orderId(), "res_1", List.of(), clock.instant()));
        saga.engine().handle(order.orderId(), new PaymentFailed(order.orderId(), "pay_1", "payment_declined", null));

        assertThat(bus.last(ReleaseStock.class).ownerId()).isEqualTo(order.orderId());
        assertThat(order.status()).as("not failed until the stock is back").isEqualTo(OrderStatus.PENDING);
        saga.engine().handle(order.orderId(), new StockReleased(order.orderId()));
        assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(order.failureReason()).isEqualTo("payment_declined");
    }

    @Test
    void stockThatCannotBeConfirmedAfterTheChargeIsRefundedAndReleased() {
        saga.engine().handle(order.orderId(), new StockReserved(order.orderId(), "res_1", List.of(), clock.instant()));
        saga.engine().handle(order.orderId(), new PaymentProcessed(order.orderId(), "pay_1", Money.of("19.98"), "USD", "ch_1", "4242"));
        saga.engine().handle(order.orderId(), new StockConfirmationFailed(order.orderId(), "reservation_expired"));

        RefundPayment refund = bus.last(RefundPayment.class);
        assertThat(refund.amount()).as("everything that was charged").isNull();
        saga.engine().handle(order.orderId(), new PaymentRefunded(order.orderId(), "pay_1", "re_1", Money.of("19.98"), Money.of("19.98"), "USD"));
        saga.engine().handle(order.orderId(), new StockReleased(order.orderId()));

        assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(order.failureReason()).isEqualTo("checkout_expired");
        assertThat(order.paymentStatus()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(bus.sentTypes()).as("the confirmation did not take effect: nothing to restock").doesNotContain(RestockOrder.class);
    }

    @Test
    void aStockConfirmationThatNeverAnswersIsUndoneByRestockingThenRefundingThenReleasing() {
        saga.engine().handle(order.orderId(), new StockReserved(order.orderId(), "res_1", List.of(), clock.instant()));
        saga.engine().handle(order.orderId(), new PaymentProcessed(order.orderId(), "pay_1", Money.of("19.98"), "USD", "ch_1", "4242"));
        for (int attempt = 0; attempt <= properties.stepRetries(); attempt++) {
            clock.advance(properties.stepTimeout().plusSeconds(1));
            saga.engine().timeOut(order.orderId());
        }
        // It may have sold the units without answering: they go back first.
        assertThat(bus.last(RestockOrder.class).ownerId()).isEqualTo(order.orderId());
        saga.engine().handle(order.orderId(), new OrderRestocked(order.orderId()));
        assertThat(bus.sentTypes()).endsWith(RefundPayment.class);
        saga.engine().handle(order.orderId(), new PaymentRefunded(order.orderId(), "pay_1", "re_1", Money.of("19.98"), Money.of("19.98"), "USD"));
        saga.engine().handle(order.orderId(), new StockReleased(order.orderId()));

        assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(order.failureReason()).isEqualTo("confirm_stock_timeout");
    }

    @Test
    void aCancellationWhileTheStockIsBeingConfirmedPutsBackWhateverTheConfirmationSold() {
        saga.engine().handle(order.orderId(), new StockReserved(order.orderId(), "res_1", List.of(), clock.instant()));
        saga.engine().handle(order.orderId(), new PaymentProcessed(order.orderId(), "pay_1", Money.of("19.98"), "USD", "ch_1", "4242"));
        assertThat(bus.sentTypes()).endsWith(ConfirmStock.class);

        saga.engine().abort(order.orderId(), "cancelled");

        assertThat(bus.sentTypes()).endsWith(RestockOrder.class);
        saga.engine().handle(order.orderId(), new OrderRestocked(order.orderId()));
        saga.engine().handle(order.orderId(), new PaymentRefunded(order.orderId(), "pay_1", "re_1", Money.of("19.98"), Money.of("19.98"), "USD"));
        saga.engine().handle(order.orderId(), new StockReleased(order.orderId()));
        assertThat(store.saga(order.orderId()).status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(bus.sentTypes()).containsSubsequence(RestockOrder.class, RefundPayment.class, ReleaseStock.class);
    }

    @Test
    void aPaymentThatNeverAnswersIsRefundedWhateverItTookOnceItsDeadlinePasses() {
        saga.engine().handle(order.orderId(), new StockReserved(order.orderId(), "res_1", List.of(), clock.instant()));
        clock.advance(properties.paymentTimeout().plusSeconds(1));
        saga.engine().timeOut(order.orderId());

        assertThat(bus.sentTypes()).endsWith(RefundPayment.class);
        saga.engine().handle(order.orderId(), new PaymentRefunded(order.orderId(), null, null, Money.zero(), Money.zero(), "USD"));
        saga.engine().handle(order.orderId(), new StockReleased(order.orderId()));
        assertThat(order.failureReason()).isEqualTo("payment_unavailable");
        verify(orders, org.mockito.Mockito.atLeastOnce()).lock(any());
    }
}
