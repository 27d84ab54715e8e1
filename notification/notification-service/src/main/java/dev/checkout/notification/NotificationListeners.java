package dev.checkout.notification;

import java.util.List;
import java.util.Map;

import dev.checkout.notification.NotificationServiceConfiguration.NotificationMessaging;
import dev.checkout.order.api.OrderCancelled;
import dev.checkout.order.api.OrderConfirmed;
import dev.checkout.order.api.OrderFailed;
import dev.checkout.order.api.OrderTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import dev.checkout.platform.messaging.MessageRoutes;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Tells customers, by choreography, about their orders: confirmed, failed or cancelled. One message per kind and order. */
@Component
class NotificationListeners {

    private final NotificationMessaging messaging;
    private final Notifications notifications;
    private final MessageRoutes routes;

    NotificationListeners(NotificationMessaging messaging, Notifications notifications) {
        this.messaging = messaging;
        this.notifications = notifications;
        this.routes = MessageRoutes.builder()
                .on(OrderConfirmed.class, (confirmed, message) -> notifications.send(confirmed.orderId(), confirmed.userId(),
                        "order_confirmed", Map.of("order_number", confirmed.orderNumber(), "total", confirmed.totalAmount())))
                .on(OrderFailed.class, (failed, message) -> notifications.send(failed.orderId(), failed.userId(), "order_failed",
                        Map.of("reason", String.valueOf(failed.failureReason()).replace('_', ' '))))
                .on(OrderCancelled.class, (cancelled, message) -> notifications.send(cancelled.orderId(), cancelled.userId(),
                        "order_cancelled", Map.of()))
                .build();
    }

    @KafkaListener(id = "notification-order-events", groupId = "notification-service", topics = OrderTopics.EVENTS)
    void on(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "order-events", routes);
    }
}
