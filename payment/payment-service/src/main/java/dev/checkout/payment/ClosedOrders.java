package dev.checkout.payment;

import java.util.List;

import dev.checkout.order.api.OrderCancelled;
import dev.checkout.order.api.OrderFailed;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.payment.PaymentServiceConfiguration.PaymentMessaging;
import dev.checkout.platform.messaging.MessageRoutes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Learns from the order events which orders ended without being fulfilled (failed or cancelled), so that a charge
 * command that arrives for one of them later is refused instead of charging a card nobody will refund but the nightly
 * reconciliation.
 */
@Component
class ClosedOrders {

    private final PaymentMessaging messaging;
    private final MessageRoutes routes;

    ClosedOrders(PaymentMessaging messaging, Payments payments) {
        this.messaging = messaging;
        this.routes = MessageRoutes.builder()
                .on(OrderFailed.class, (failed, message) -> payments.close(failed.orderId(), "order_failed"))
                .on(OrderCancelled.class, (cancelled, message) -> payments.close(cancelled.orderId(), "order_cancelled"))
                .build();
    }

    @KafkaListener(id = "payment-order-events", groupId = "payment-service", topics = OrderTopics.EVENTS)
    void on(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "order-events", routes);
    }
}
