package dev.checkout.order.orders;

import java.time.Clock;

import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.OrderRestocked;
import dev.checkout.inventory.api.RestockOrder;
import dev.checkout.payment.api.PaymentRefunded;
import dev.checkout.payment.api.PaymentTopics;
import dev.checkout.payment.api.RefundFailed;
import dev.checkout.payment.api.RefundPayment;
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
 * Undoing a confirmed order the customer or an admin cancelled: refund everything charged, then put the sold units
 * back. Both steps are idempotent at their participants and are resent until done; a refund the gateway refuses ends
 * the saga for an operator.
 */
@Component
public class CancellationSaga implements SagaEngine.Outcomes<CancellationSaga.Data>, OrchestratedSaga {

    static final String TYPE = "cancellation";
    private static final Logger log = LoggerFactory.getLogger(CancellationSaga.class);

    /** What the cancellation carries. */
    public record Data(String orderId, String reason) {
    }

    private final Orders orders;
    private final OrderEvents events;
    private final Clock clock;
    private final SagaEngine<Data> engine;

    CancellationSaga(SagaStore store, CommandBus bus, Orders orders, OrderEvents events, OrderProperties properties, Clock clock,
                     SagaStepMeters stepMeters) {
        this.orders = orders;
        this.events = events;
        this.clock = clock;
        this.engine = new SagaEngine<>(SagaDefinition.of(TYPE, Data.class)
                .step("refund_payment")
                    .invoke(data -> new Command(PaymentTopics.COMMANDS, data.orderId(), new RefundPayment(data.orderId(), null, "cancellation")))
                    .onReply(PaymentRefunded.class)
                    .failOn(RefundFailed.class, reply -> "refund_failed")
                    .timeout(properties.stepTimeout()).retries(Integer.MAX_VALUE)
                .step("restock")
                    .invoke(data -> new Command(InventoryTopics.COMMANDS, data.orderId(), new RestockOrder(data.orderId(), "cancellation")))
                    .onReply(OrderRestocked.class)
                    .timeout(properties.stepTimeout()).retries(Integer.MAX_VALUE)
                .build(), store, bus, this, clock);
        stepMeters.register(engine.definition());
    }

    @Override
    public SagaEngine<Data> engine() {
        return engine;
    }

    @Override
    public void completed(SagaInstance<Data> saga) {
        orders.lock(saga.orderId()).ifPresent(order -> {
            order.paymentRefunded(true, clock.instant());
            events.save(order);
        });
    }

    @Override
    public void compensated(SagaInstance<Data> saga, String reason) {
        log.error("cancellation of {} could not refund ({}); it needs an operator", saga.orderId(), reason);
    }

    @Override
    public void compensationFailed(SagaInstance<Data> saga, String reason) {
        log.error("cancellation of {} failed ({}); it needs an operator", saga.orderId(), reason);
    }
}
