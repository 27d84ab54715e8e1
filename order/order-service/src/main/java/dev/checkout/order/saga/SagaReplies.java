package dev.checkout.order.saga;

import java.util.List;

import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.OrderRestocked;
import dev.checkout.inventory.api.StockConfirmationFailed;
import dev.checkout.inventory.api.StockConfirmed;
import dev.checkout.inventory.api.StockReleased;
import dev.checkout.inventory.api.StockReservationFailed;
import dev.checkout.inventory.api.StockReserved;
import dev.checkout.order.OrderServiceConfiguration.OrderMessaging;
import dev.checkout.payment.api.PaymentFailed;
import dev.checkout.payment.api.PaymentProcessed;
import dev.checkout.payment.api.PaymentRefunded;
import dev.checkout.payment.api.PaymentTopics;
import dev.checkout.payment.api.RefundFailed;
import dev.checkout.platform.messaging.InboundMessage;
import dev.checkout.platform.messaging.MessageRoutes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import dev.checkout.order.saga.engine.Sagas;

/**
 * Feeds the participants' replies to the saga of the order they are keyed by, whichever saga of the order waits for
 * them (its checkout or its cancellation). Replies about a checkout's own reservation (keyed by a checkout id) are
 * {@link CheckoutReplies}'.
 */
@Component
class SagaReplies {

    private final OrderMessaging messaging;
    private final Sagas sagas;
    private final CheckoutSide checkouts;
    private final MessageRoutes routes;

    SagaReplies(OrderMessaging messaging, Sagas sagas, CheckoutSide checkouts) {
        this.messaging = messaging;
        this.sagas = sagas;
        this.checkouts = checkouts;
        this.routes = MessageRoutes.builder()
                // A checkout's own reservation is CheckoutReplies' business, not a saga's.
                .on(StockReserved.class, reply -> !checkouts.isCheckoutId(reply.ownerId()), this::apply)
                .on(StockReservationFailed.class, reply -> !checkouts.isCheckoutId(reply.ownerId()), this::apply)
                .on(StockConfirmed.class, reply -> !checkouts.isCheckoutId(reply.ownerId()), this::apply)
                .on(StockConfirmationFailed.class, reply -> !checkouts.isCheckoutId(reply.ownerId()), this::apply)
                .on(StockReleased.class, reply -> !checkouts.isCheckoutId(reply.ownerId()), this::apply)
                .on(OrderRestocked.class, reply -> !checkouts.isCheckoutId(reply.ownerId()), this::apply)
                .on(PaymentProcessed.class, this::apply)
                .on(PaymentFailed.class, this::apply)
                .on(PaymentRefunded.class, this::apply)
                .on(RefundFailed.class, this::apply)
                .build();
    }

    @KafkaListener(id = "order-saga-replies", groupId = "order-service", topics = {InventoryTopics.REPLIES, PaymentTopics.EVENTS},
            concurrency = "${checkout.orders.reply-concurrency:4}")
    void on(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "saga-replies", routes);
    }

    private void apply(Object reply, InboundMessage message) {
        String orderId = message.orderId() != null ? message.orderId() : message.key();
        if (orderId == null || checkouts.isCheckoutId(orderId)) {
            return; // a checkout's own reservation: not a saga's
        }
        sagas.handle(orderId, reply).ifPresent(moved -> {
            if (!moved.saga().status().isActive()) {
                checkouts.sagaEnded(orderId);
            }
            StepBoundaries.reached(moved);
        });
    }
}
