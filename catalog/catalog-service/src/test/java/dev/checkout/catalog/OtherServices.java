package dev.checkout.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.checkout.order.api.OrderConfirmed;
import dev.checkout.order.api.OrderLine;
import dev.checkout.order.api.OrderStatusChanged;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.messaging.Envelope;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Publishes what the order service would, in its envelope, so the catalog's consumers read it as in production. */
record OtherServices(KafkaTemplate<String, String> kafka, JsonMapper json) {

    /** A confirmed order of {@code units} of each product, then (when {@code delivered}) its delivery. */
    String orderOf(String userId, boolean delivered, int units, String... productIds) {
        String orderId = Ids.newId("order");
        List<OrderLine> lines = java.util.Arrays.stream(productIds).map(p -> new OrderLine(p, null, units, new BigDecimal("10.00"))).toList();
        publish(OrderTopics.EVENTS, orderId, "OrderConfirmed", new OrderConfirmed(orderId, "ORD-1", userId, null, lines,
                new BigDecimal("10.00"), "USD", "tx", Instant.now(), Instant.now(), null, null));
        if (delivered) {
            publish(OrderTopics.EVENTS, orderId, "OrderStatusChanged", new OrderStatusChanged(orderId, userId, "SHIPPED", "DELIVERED", Instant.now()));
        }
        return orderId;
    }

    void publish(String topic, String key, String type, Object payload) {
        Envelope envelope = new Envelope(Ids.newId("evt"), type, null, null, Instant.now(), "test", null, "test", 1, json.valueToTree(payload));
        try {
            kafka.send(topic, key, json.writeValueAsString(envelope)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
