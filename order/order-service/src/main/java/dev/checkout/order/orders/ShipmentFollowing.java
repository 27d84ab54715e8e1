package dev.checkout.order.orders;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.fulfillment.api.FulfillmentTopics;
import dev.checkout.fulfillment.api.ShipmentCancelled;
import dev.checkout.fulfillment.api.ShipmentCreated;
import dev.checkout.fulfillment.api.ShipmentDelivered;
import dev.checkout.fulfillment.api.ShipmentShipped;
import dev.checkout.order.OrderServiceConfiguration.OrderMessaging;
import dev.checkout.platform.messaging.MessageRoutes;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The order follows its shipment, by choreography: a shipped shipment moves the order to SHIPPED (through PROCESSING),
 * a delivered one to DELIVERED, and the order keeps a copy of each shipment for its view. An order already there (an
 * admin moved it by its status, and the shipment caught up) or gone elsewhere (cancelled) stays as it is.
 */
@Component
class ShipmentFollowing {

    private static final Logger log = LoggerFactory.getLogger(ShipmentFollowing.class);

    private final OrderMessaging messaging;
    private final Orders orders;
    private final OrderEvents events;
    private final JdbcClient jdbc;
    private final MessageRoutes routes;

    ShipmentFollowing(OrderMessaging messaging, Orders orders, OrderEvents events, JdbcClient jdbc) {
        this.messaging = messaging;
        this.orders = orders;
        this.events = events;
        this.jdbc = jdbc;
        this.routes = MessageRoutes.builder()
                .on(ShipmentCreated.class, (created, message) -> copy(created.shipmentId(), created.orderId(), "PENDING"))
                .on(ShipmentShipped.class, (shipped, message) -> shipped(shipped))
                .on(ShipmentDelivered.class, (delivered, message) -> delivered(delivered))
                .on(ShipmentCancelled.class, (cancelled, message) -> copy(cancelled.shipmentId(), cancelled.orderId(), "CANCELLED"))
                .build();
    }

    @KafkaListener(id = "order-shipments", groupId = "order-service", topics = FulfillmentTopics.EVENTS,
            containerFactory = ServiceMessaging.REACTIONS)
    void on(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "shipments", routes);
    }

    private void shipped(ShipmentShipped shipped) {
        copy(shipped.shipmentId(), shipped.orderId(), "SHIPPED");
        jdbc.sql("update orders.order_shipments set carrier = ?, tracking_number = ?, shipped_at = ? where shipment_id = ?")
                .params(shipped.carrier(), shipped.trackingNumber(), timestamp(shipped.shippedAt()), shipped.shipmentId()).update();
        follow(shipped.orderId(), OrderStatus.SHIPPED, shipped.trackingNumber(), shipped.shippedAt());
    }

    private void delivered(ShipmentDelivered delivered) {
        copy(delivered.shipmentId(), delivered.orderId(), "DELIVERED");
        jdbc.sql("update orders.order_shipments set delivered_at = ? where shipment_id = ?")
                .params(timestamp(delivered.deliveredAt()), delivered.shipmentId()).update();
        follow(delivered.orderId(), OrderStatus.DELIVERED, null, delivered.deliveredAt());
    }

    /** Walks the order forward to {@code target} along the allowed path (CONFIRMED, PROCESSING, SHIPPED, DELIVERED). */
    private void follow(String orderId, OrderStatus target, String trackingNumber, Instant at) {
        orders.lock(orderId).ifPresent(order -> {
            List<OrderStatus> path = List.of(OrderStatus.CONFIRMED, OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
            int from = path.indexOf(order.status());
            int to = path.indexOf(target);
            if (from < 0 || from >= to) {
                if (from < 0) {
                    log.warn("order {} is {}; its shipment's move to {} leaves it so", orderId, order.status(), target);
                }
                return;
            }
            for (int step = from + 1; step <= to; step++) {
                order.advance(path.get(step), path.get(step) == OrderStatus.SHIPPED ? trackingNumber : null, at);
            }
            events.save(order);
        });
    }

    private void copy(String shipmentId, String orderId, String status) {
        jdbc.sql("""
                        insert into orders.order_shipments (shipment_id, order_id, status) values (?, ?, ?)
                        on conflict (shipment_id) do update set status = excluded.status""")
                .params(shipmentId, orderId, status).update();
    }

    /** The order's shipments as its view shows them. */
    List<Map<String, Object>> of(String orderId) {
        return jdbc.sql("select * from orders.order_shipments where order_id = ? order by shipment_id").param(orderId)
                .query((rs, n) -> {
                    Map<String, Object> shipment = new LinkedHashMap<>();
                    shipment.put("shipment_id", rs.getString("shipment_id"));
                    shipment.put("status", rs.getString("status"));
                    shipment.put("carrier", rs.getString("carrier"));
                    shipment.put("tracking_number", rs.getString("tracking_number"));
                    Timestamp shippedAt = rs.getTimestamp("shipped_at");
                    Timestamp deliveredAt = rs.getTimestamp("delivered_at");
                    shipment.put("shipped_at", shippedAt == null ? null : shippedAt.toInstant());
                    shipment.put("delivered_at", deliveredAt == null ? null : deliveredAt.toInstant());
                    return shipment;
                }).list();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
