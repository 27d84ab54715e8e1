package dev.checkout.order.orders;

import java.time.Clock;
import java.util.List;

import dev.checkout.inventory.api.ConfirmStock;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.OrderRestocked;
import dev.checkout.inventory.api.ReleaseStock;
import dev.checkout.inventory.api.RestockOrder;
import dev.checkout.inventory.api.StockConfirmationFailed;
import dev.checkout.inventory.api.StockConfirmed;
import dev.checkout.inventory.api.StockLine;
import dev.checkout.inventory.api.StockReleased;
import dev.checkout.inventory.api.StockReservationFailed;
import dev.checkout.inventory.api.StockReserved;
import dev.checkout.inventory.api.ReserveStock;
import dev.checkout.payment.api.ChargePayment;
import dev.checkout.payment.api.PaymentFailed;
import dev.checkout.payment.api.PaymentProcessed;
import dev.checkout.payment.api.PaymentRefunded;
import dev.checkout.payment.api.RefundFailed;
import dev.checkout.payment.api.RefundPayment;
import dev.checkout.payment.api.PaymentTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import dev.checkout.order.OrderProperties;
import dev.checkout.order.saga.OrchestratedSaga;
import dev.checkout.order.saga.SagaStepMeters;
import dev.checkout.order.saga.engine.Command;
import dev.checkout.order.saga.engine.CommandBus;
import dev.checkout.order.saga.engine.SagaDefinition;
import dev.checkout.order.saga.engine.SagaEngine;
import dev.checkout.order.saga.engine.SagaInstance;
import dev.checkout.order.saga.engine.SagaStore;

/**
 * The saga every order runs, placed directly ({@code POST /orders}) or from a checkout (its type in
 * {@code saga_instances} stays {@code checkout}). Read the table in {@link #definition()} top to bottom for the happy
 * path and bottom to top for the compensations. CONFIRMED therefore means: stock reserved, payment captured, stock
 * deducted. Confirming the order is the pivot and the end of the orchestrated part: fulfillment, the customer's e-mail
 * and the cart's conversion react to {@code OrderConfirmed} by choreography. A failure before the order is confirmed
 * restocks whatever was sold, refunds whatever was charged and releases whatever was held, then fails the order with
 * the reason the failing step gave.
 * <p>
 * The reservation outlives the longest payment ({@code checkout.orders.payment-hold}): it is taken (or, for a paid
 * checkout, adopted) for that long by the first step, so no step has to extend it.
 */
@Component
public class PlaceOrderSaga implements SagaEngine.Outcomes<PlaceOrderSagaData>, OrchestratedSaga {

    public static final String TYPE = "checkout";
    private static final Logger log = LoggerFactory.getLogger(PlaceOrderSaga.class);

    private final Orders orders;
    private final OrderEvents events;
    private final OrderProperties properties;
    private final Clock clock;
    private final SagaEngine<PlaceOrderSagaData> engine;

    PlaceOrderSaga(SagaStore store, CommandBus bus, Orders orders, OrderEvents events, OrderProperties properties, Clock clock,
                 SagaStepMeters stepMeters) {
        this.orders = orders;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.engine = new SagaEngine<>(definition(), store, bus, this, clock);
        stepMeters.register(engine.definition());
    }

    SagaDefinition<PlaceOrderSagaData> definition() {
        return SagaDefinition.of(TYPE, PlaceOrderSagaData.class)
                .step("reserve_stock")
                    .invoke(this::reserveStock)
                    .onReply(StockReserved.class, (data, reply) -> data.reserved(reply.reservationId(), reply.expiresAt()))
                    .failOn(StockReservationFailed.class, StockReservationFailed::reason)
                    .compensateWith(this::releaseStock, StockReleased.class)
                    .timeout(properties.stepTimeout()).retries(properties.stepRetries())
                .step("charge_payment")
                    .invoke(this::chargePayment)
                    .onReply(PaymentProcessed.class, (data, reply) -> data.paid(reply.paymentId(), reply.transactionId()))
                    .failOn(PaymentFailed.class, PaymentFailed::reason)
                    .compensateWith(this::refundPayment, PaymentRefunded.class)
                    .compensationFailsOn(RefundFailed.class, reply -> "refund_failed")
                    // The payment may be resolving an unknown outcome; resending would not help, waiting does.
                    .timeout(properties.paymentTimeout()).retries(0).failsOnTimeoutWith("payment_unavailable")
                .step("confirm_stock")
                    .invoke(this::confirmStock)
                    .onReply(StockConfirmed.class)
                    .failOn(StockConfirmationFailed.class, reply -> "reservation_expired".equals(reply.reason()) ? "checkout_expired" : "stock_unavailable")
                    // A cancellation or a timeout may come while the confirmation is under way: it may have sold the
                    // units, so they are put back (nothing happens if it did not).
                    .compensateWith(this::restockOrder, OrderRestocked.class)
                    .timeout(properties.stepTimeout()).retries(properties.stepRetries())
                .step("confirm_order")
                    .local(this::confirmOrder)
                .build();
    }

    @Override
    public SagaEngine<PlaceOrderSagaData> engine() {
        return engine;
    }

    private Command reserveStock(PlaceOrderSagaData data) {
        List<StockLine> lines = data.items().stream().map(i -> new StockLine(i.productId(), i.variantId(), i.quantity())).toList();
        return new Command(InventoryTopics.COMMANDS, data.orderId(),
                new ReserveStock(data.orderId(), lines, clock.instant().plus(properties.paymentHold()), data.checkoutId()));
    }

    private Command releaseStock(PlaceOrderSagaData data) {
        return new Command(InventoryTopics.COMMANDS, data.orderId(), new ReleaseStock(data.orderId(), "order_failed"));
    }

    private Command chargePayment(PlaceOrderSagaData data) {
        return new Command(PaymentTopics.COMMANDS, data.orderId(),
                new ChargePayment(data.orderId(), data.userId(), data.total(), data.currency(), data.paymentMethod()));
    }

    private Command refundPayment(PlaceOrderSagaData data) {
        return new Command(PaymentTopics.COMMANDS, data.orderId(), new RefundPayment(data.orderId(), null, "order_failed"));
    }

    private Command confirmStock(PlaceOrderSagaData data) {
        return new Command(InventoryTopics.COMMANDS, data.orderId(), new ConfirmStock(data.orderId()));
    }

    private Command restockOrder(PlaceOrderSagaData data) {
        return new Command(InventoryTopics.COMMANDS, data.orderId(), new RestockOrder(data.orderId(), "order_failed"));
    }

    private PlaceOrderSagaData confirmOrder(PlaceOrderSagaData data) {
        Order order = orders.lock(data.orderId()).orElseThrow();
        order.paymentCaptured(data.paymentId(), data.transactionId(), clock.instant());
        order.confirm(clock.instant());
        events.save(order);
        return data;
    }

    @Override
    public void completed(SagaInstance<PlaceOrderSagaData> saga) {
        log.info("checkout of {} completed", saga.orderId());
    }

    @Override
    public void compensated(SagaInstance<PlaceOrderSagaData> saga, String reason) {
        failOrder(saga, reason);
    }

    @Override
    public void compensationFailed(SagaInstance<PlaceOrderSagaData> saga, String reason) {
        log.error("checkout of {} could not be undone ({}); it needs an operator", saga.orderId(), reason);
        failOrder(saga, reason);
    }

    private void failOrder(SagaInstance<PlaceOrderSagaData> saga, String reason) {
        Order order = orders.lock(saga.orderId()).orElseThrow();
        if (order.status() != OrderStatus.PENDING) {
            return;
        }
        if (saga.data().paymentId() != null) {
            order.paymentCaptured(saga.data().paymentId(), saga.data().transactionId(), clock.instant());
        }
        order.fail(reason, clock.instant());
        events.save(order);
    }
}
