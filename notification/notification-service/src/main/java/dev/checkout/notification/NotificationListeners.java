package dev.checkout.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.cart.api.CartAbandoned;
import dev.checkout.cart.api.CartTopics;
import dev.checkout.fulfillment.api.FulfillmentTopics;
import dev.checkout.fulfillment.api.ShipmentDelivered;
import dev.checkout.fulfillment.api.ShipmentShipped;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.LowStock;
import dev.checkout.notification.NotificationServiceConfiguration.NotificationMessaging;
import dev.checkout.order.api.OrderCancelled;
import dev.checkout.order.api.OrderConfirmed;
import dev.checkout.order.api.OrderFailed;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.order.api.ReturnRefunded;
import dev.checkout.platform.messaging.MessageRoutes;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Queues e-mails, by choreography, for what customers and admins hear about: an order confirmed, failed or cancelled,
 * a cart left idle, stock running low. One e-mail per kind and subject, however often an event arrives; the
 * {@link EmailDelivery} sends them.
 */
@Component
class NotificationListeners {

    private final NotificationMessaging messaging;
    private final Notifications notifications;
    private final NotificationProperties properties;
    private final MessageRoutes orderRoutes;
    private final MessageRoutes cartRoutes;
    private final MessageRoutes inventoryRoutes;
    private final MessageRoutes shipmentRoutes;

    NotificationListeners(NotificationMessaging messaging, Notifications notifications, NotificationProperties properties) {
        this.messaging = messaging;
        this.notifications = notifications;
        this.properties = properties;
        this.orderRoutes = MessageRoutes.builder()
                .on(OrderConfirmed.class, (confirmed, message) -> confirmed(confirmed))
                .on(OrderFailed.class, (failed, message) -> failed(failed))
                .on(OrderCancelled.class, (cancelled, message) -> cancelled(cancelled))
                .on(ReturnRefunded.class, (refunded, message) -> refunded(refunded))
                .build();
        this.cartRoutes = MessageRoutes.builder().on(CartAbandoned.class, (abandoned, message) -> abandoned(abandoned)).build();
        this.inventoryRoutes = MessageRoutes.builder().on(LowStock.class, (low, message) -> lowStock(low, message.eventId())).build();
        this.shipmentRoutes = MessageRoutes.builder()
                .on(ShipmentShipped.class, (shipped, message) -> shipped(shipped))
                .on(ShipmentDelivered.class, (delivered, message) -> queueForOrder("order_delivered", delivered.orderId(), delivered.userId(),
                        Map.of("order_number", delivered.orderId())))
                .build();
    }

    @KafkaListener(id = "notification-order-events", groupId = "notification-service", topics = OrderTopics.EVENTS,
            containerFactory = ServiceMessaging.REACTIONS)
    void onOrderEvents(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "order-events", orderRoutes);
    }

    @KafkaListener(id = "notification-cart-events", groupId = "notification-service", topics = CartTopics.EVENTS,
            containerFactory = ServiceMessaging.REACTIONS)
    void onCartEvents(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "cart-events", cartRoutes);
    }

    @KafkaListener(id = "notification-inventory-events", groupId = "notification-service", topics = InventoryTopics.EVENTS,
            containerFactory = ServiceMessaging.REACTIONS)
    void onInventoryEvents(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "inventory-events", inventoryRoutes);
    }

    @KafkaListener(id = "notification-fulfillment-events", groupId = "notification-service", topics = FulfillmentTopics.EVENTS,
            containerFactory = ServiceMessaging.REACTIONS)
    void onFulfillmentEvents(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "fulfillment-events", shipmentRoutes);
    }

    private void shipped(ShipmentShipped shipped) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("order_number", shipped.orderId());
        data.put("carrier", shipped.carrier());
        data.put("tracking_number", shipped.trackingNumber());
        queueForOrder("order_shipped", shipped.orderId(), shipped.userId(), data);
    }

    private void confirmed(OrderConfirmed confirmed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("order_number", confirmed.orderNumber());
        data.put("total", money(confirmed.totalAmount()));
        data.put("currency", confirmed.currency());
        // The address the customer ordered with, when the event carries it: no call to identity when the e-mail goes out.
        notifications.queue(new Notifications.Wanted("order_confirmed", confirmed.orderId(), confirmed.orderId(), confirmed.userId(),
                confirmed.customerEmail(), data));
    }

    private void failed(OrderFailed failed) {
        queueForOrder("order_failed", failed.orderId(), failed.userId(),
                Map.of("order_number", failed.orderId(), "reason", String.valueOf(failed.failureReason()).replace('_', ' ')));
    }

    private void cancelled(OrderCancelled cancelled) {
        queueForOrder("order_cancelled", cancelled.orderId(), cancelled.userId(), Map.of("order_number", cancelled.orderId()));
    }

    /** One e-mail per refunded return: the return is its subject. */
    private void refunded(ReturnRefunded refunded) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("order_number", refunded.orderId());
        data.put("amount", money(refunded.amount()));
        data.put("currency", refunded.currency());
        notifications.queue(new Notifications.Wanted("refund_issued", refunded.returnId(), refunded.orderId(), refunded.userId(), null, data));
    }

    private void abandoned(CartAbandoned abandoned) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cart_id", abandoned.cartId());
        data.put("lines", abandoned.lines() == null ? List.of() : abandoned.lines().stream().map(line -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", line.name() == null ? line.productId() : line.name());
            item.put("quantity", line.quantity());
            item.put("unit_price", money(line.unitPrice()));
            return item;
        }).toList());
        data.put("subtotal", money(abandoned.subtotal()));
        data.put("currency", abandoned.currency());
        // One reminder per idle period: the period is named by the cart's last activity before it.
        notifications.queue(new Notifications.Wanted("cart_reminder", abandoned.cartId() + "@" + abandoned.lastActivityAt(), null,
                abandoned.userId(), null, data));
    }

    private void lowStock(LowStock low, String eventId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("product_id", low.productId());
        data.put("variant_id", low.variantId());
        data.put("warehouse_id", low.warehouseId());
        data.put("quantity_available", low.quantityAvailable());
        data.put("threshold", low.threshold());
        for (String admin : properties.adminEmails()) {
            notifications.queue(new Notifications.Wanted("low_stock", eventId + ":" + admin, null, null, admin, data));
        }
    }

    private void queueForOrder(String kind, String orderId, String userId, Map<String, Object> data) {
        notifications.queue(new Notifications.Wanted(kind, orderId, orderId, userId, null, data));
    }

    /** Amounts travel to the templates as text with their two decimals (a JSON number read back would lose them). */
    private static String money(java.math.BigDecimal amount) {
        return amount == null ? "" : dev.checkout.platform.core.Money.of(amount).toPlainString();
    }
}
