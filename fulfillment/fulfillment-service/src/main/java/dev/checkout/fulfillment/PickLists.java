package dev.checkout.fulfillment;

import java.util.List;

import dev.checkout.fulfillment.FulfillmentServiceConfiguration.FulfillmentMessaging;
import dev.checkout.order.api.OrderConfirmed;
import dev.checkout.order.api.OrderLine;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.messaging.InboundMessage;
import dev.checkout.platform.messaging.MessageRoutes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns each confirmed order into one pick list, by choreography: the order's confirmation is the warehouse's cue.
 * The order id is the natural key, so the same confirmation seen again makes nothing more.
 */
@Component
class PickLists {

    private final FulfillmentMessaging messaging;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final MessageRoutes routes = MessageRoutes.builder().on(OrderConfirmed.class, this::on).build();

    PickLists(FulfillmentMessaging messaging, JdbcClient jdbc, JsonMapper json) {
        this.messaging = messaging;
        this.jdbc = jdbc;
        this.json = json;
    }

    @KafkaListener(id = "fulfillment-order-events", groupId = "fulfillment-service", topics = OrderTopics.EVENTS)
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
        if (inserted == 0 || order.lines() == null) {
            return;
        }
        int number = 1;
        for (OrderLine line : order.lines()) {
            jdbc.sql("insert into fulfillment.pick_list_lines (pick_list_id, line_number, product_id, variant_id, quantity) values (?, ?, ?, ?, ?)")
                    .params(pickListId, number++, line.productId(), line.variantId(), line.quantity()).update();
        }
    }
}
