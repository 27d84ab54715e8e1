package dev.checkout.fulfillment;

import java.util.List;

import dev.checkout.fulfillment.FulfillmentServiceConfiguration.FulfillmentMessaging;
import dev.checkout.order.api.OrderCancelled;
import dev.checkout.order.api.OrderConfirmed;
import dev.checkout.order.api.OrderLine;
import dev.checkout.order.api.OrderStatusChanged;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.messaging.InboundMessage;
import dev.checkout.platform.messaging.MessageRoutes;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns each confirmed order into one pick list and its shipment, by choreography: the order's confirmation is the
 * warehouse's cue. The order id is the natural key, so the same confirmation seen again makes nothing more. A
 * cancelled order cancels a shipment not yet gone; an admin moving the order itself moves its shipment along.
 */
@Component
class PickLists {

    private final FulfillmentMessaging messaging;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ShipmentProgress shipments;
    private final MessageRoutes routes;

    PickLists(FulfillmentMessaging messaging, JdbcClient jdbc, JsonMapper json, ShipmentProgress shipments) {
        this.messaging = messaging;
        this.jdbc = jdbc;
        this.json = json;
        this.shipments = shipments;
        this.routes = MessageRoutes.builder()
                .on(OrderConfirmed.class, this::on)
                .on(OrderCancelled.class, (cancelled, message) -> shipments.orderCancelled(cancelled.orderId()))
                .on(OrderStatusChanged.class, (changed, message) -> shipments.orderMoved(changed.orderId(), changed.to()))
                .build();
    }

    @KafkaListener(id = "fulfillment-order-events", groupId = "fulfillment-service", topics = OrderTopics.EVENTS,
            containerFactory = ServiceMessaging.REACTIONS)
    void on(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "order-events", routes);
    }

    private void on(OrderConfirmed order, InboundMessage message) {
        String pickListId = Ids.newId("pick");
        int inserted = jdbc.sql("""
                        insert into fulfillment.pick_lists (pick_list_id, order_id, order_number, shipping_address)
                        values (:id, :order, :number, :address::jsonb) on conflict (order_id) do nothing""")
                .param("id", pickListId).param("order", order.orderId()).param("number", order.orderNumber())
                .param("address", order.shippingAddress() == null ? null : json.writeValueAsString(order.shippingAddress()))
                .update();
        if (inserted == 0) {
            return;
        }
        shipments.create(order.orderId(), order.userId(), pickListId);
        if (order.lines() == null) {
            return;
        }
        int number = 1;
        for (OrderLine line : order.lines()) {
            jdbc.sql("insert into fulfillment.pick_list_lines (pick_list_id, line_number, product_id, variant_id, quantity) values (?, ?, ?, ?, ?)")
                    .params(pickListId, number++, line.productId(), line.variantId(), line.quantity()).update();
        }
    }
}
