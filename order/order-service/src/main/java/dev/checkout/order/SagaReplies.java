package dev.checkout.order;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.checkout.fulfillment.api.FulfillmentRequested;
import dev.checkout.fulfillment.api.FulfillmentTopics;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.notification.api.NotificationSent;
import dev.checkout.notification.api.NotificationTopics;
import dev.checkout.inventory.api.OrderRestocked;
import dev.checkout.inventory.api.ReservationExtended;
import dev.checkout.inventory.api.ReservationExtensionFailed;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the participants' replies to the saga of the order they are keyed by (its checkout or its cancellation). Messages of other types (or
 * for owners that are not orders, such as a checkout's own reservation) are ignored.
 */
@Component
class SagaReplies {

    private static final Map<String, Class<?>> REPLIES = Stream.of(
                    StockReserved.class, StockReservationFailed.class, ReservationExtended.class, ReservationExtensionFailed.class,
                    StockConfirmed.class, StockConfirmationFailed.class, StockReleased.class, OrderRestocked.class,
                    PaymentProcessed.class, PaymentFailed.class, PaymentRefunded.class, RefundFailed.class,
                    FulfillmentRequested.class, NotificationSent.class)
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private final OrderMessaging messaging;
    private final CheckoutSaga checkout;
    private final CancellationSaga cancellation;

    SagaReplies(OrderMessaging messaging, CheckoutSaga checkout, CancellationSaga cancellation) {
        this.messaging = messaging;
        this.checkout = checkout;
        this.cancellation = cancellation;
    }

    @KafkaListener(id = "order-saga-replies", groupId = "order-service",
            topics = {InventoryTopics.REPLIES, PaymentTopics.EVENTS, FulfillmentTopics.REPLIES, NotificationTopics.REPLIES})
    void on(ConsumerRecord<String, String> record) {
        messaging.receive(record, "saga-replies", this::handle);
    }

    private void handle(InboundMessage message) {
        Class<?> type = REPLIES.get(message.type());
        if (type == null) {
            return;
        }
        String orderId = message.orderId() != null ? message.orderId() : message.key();
        Object reply = message.payload(type);
        // Each saga takes only the replies its current step waits for.
        if (checkout.engine().handle(orderId, reply)) {
            StepBoundaries.reached(checkout.engine(), orderId);
        } else if (cancellation.engine().handle(orderId, reply)) {
            StepBoundaries.reached(cancellation.engine(), orderId);
        }
    }
}
