package dev.checkout.fulfillment;

import dev.checkout.fulfillment.FulfillmentServiceConfiguration.FulfillmentMessaging;
import dev.checkout.fulfillment.api.FulfillmentRequested;
import dev.checkout.fulfillment.api.FulfillmentTopics;
import dev.checkout.fulfillment.api.RequestFulfillment;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.messaging.OutgoingMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Turns each confirmed order into one pick list and answers with its id, however often it is asked. */
@Component
class PickLists {

    private final FulfillmentMessaging messaging;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    PickLists(FulfillmentMessaging messaging, JdbcClient jdbc, JsonMapper json) {
        this.messaging = messaging;
        this.jdbc = jdbc;
        this.json = json;
    }

    @KafkaListener(id = "fulfillment-commands", groupId = "fulfillment-service", topics = FulfillmentTopics.COMMANDS)
    void on(ConsumerRecord<String, String> record) {
        messaging.receive(record, "fulfillment-commands", message -> {
            if (!message.is(RequestFulfillment.class)) {
                return;
            }
            RequestFulfillment request = message.payload(RequestFulfillment.class);
            String pickListId = pickListFor(request);
            messaging.publish(OutgoingMessage.of(FulfillmentTopics.REPLIES, request.orderId(),
                    new FulfillmentRequested(request.orderId(), pickListId)).causedBy(message));
        });
    }

    private String pickListFor(RequestFulfillment request) {
        String pickListId = Ids.newId("pick");
        int inserted = jdbc.sql("""
                        insert into fulfillment.pick_lists (pick_list_id, order_id, order_number, shipping_address)
                        values (:id, :order, :number, :address::jsonb) on conflict (order_id) do nothing""")
                .param("id", pickListId).param("order", request.orderId()).param("number", request.orderNumber())
                .param("address", request.shippingAddress() == null ? null : json.writeValueAsString(request.shippingAddress()))
                .update();
        if (inserted == 0) {
            return jdbc.sql("select pick_list_id from fulfillment.pick_lists where order_id = :order")
                    .param("order", request.orderId()).query(String.class).single();
        }
        int number = 1;
        for (RequestFulfillment.Line line : request.lines()) {
            jdbc.sql("insert into fulfillment.pick_list_lines (pick_list_id, line_number, product_id, variant_id, quantity) values (?, ?, ?, ?, ?)")
                    .params(pickListId, number++, line.productId(), line.variantId(), line.quantity()).update();
        }
        return pickListId;
    }
}
