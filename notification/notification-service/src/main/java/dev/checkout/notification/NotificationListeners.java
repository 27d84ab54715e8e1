package dev.checkout.notification;

import java.util.Map;

import dev.checkout.notification.NotificationServiceConfiguration.NotificationMessaging;
import dev.checkout.notification.api.NotificationSent;
import dev.checkout.notification.api.NotificationTopics;
import dev.checkout.notification.api.SendNotification;
import dev.checkout.order.api.OrderCancelled;
import dev.checkout.order.api.OrderFailed;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.platform.messaging.OutgoingMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Sends what the checkout saga asks for (answering it), and by choreography tells users about orders that failed or
 * were cancelled.
 */
@Component
class NotificationListeners {

    private final NotificationMessaging messaging;
    private final Notifications notifications;

    NotificationListeners(NotificationMessaging messaging, Notifications notifications) {
        this.messaging = messaging;
        this.notifications = notifications;
    }

    @KafkaListener(id = "notification-commands", groupId = "notification-service", topics = NotificationTopics.COMMANDS)
    void onCommand(ConsumerRecord<String, String> record) {
        messaging.receive(record, "notification-commands", message -> {
            if (!message.is(SendNotification.class)) {
                return;
            }
            SendNotification command = message.payload(SendNotification.class);
            String id = notifications.send(command.orderId(), command.userId(), command.kind(),
                    command.data() == null ? Map.of() : command.data());
            messaging.publish(OutgoingMessage.of(NotificationTopics.REPLIES, command.orderId(),
                    new NotificationSent(command.orderId(), id, command.kind())).causedBy(message));
        });
    }

    @KafkaListener(id = "notification-order-events", groupId = "notification-service", topics = OrderTopics.EVENTS)
    void onOrderEvent(ConsumerRecord<String, String> record) {
        messaging.receive(record, "order-events", message -> {
            if (message.is(OrderFailed.class)) {
                OrderFailed failed = message.payload(OrderFailed.class);
                notifications.send(failed.orderId(), failed.userId(), "order_failed",
                        Map.of("reason", String.valueOf(failed.failureReason()).replace('_', ' ')));
            } else if (message.is(OrderCancelled.class)) {
                OrderCancelled cancelled = message.payload(OrderCancelled.class);
                notifications.send(cancelled.orderId(), cancelled.userId(), "order_cancelled", Map.of());
            }
        });
    }
}
