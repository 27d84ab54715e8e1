package dev.checkout.payment;

import dev.checkout.platform.messaging.MessageTypes;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.order.api.OrderFailed;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.payment.api.ChargePayment;
import dev.checkout.payment.api.PaymentMethod;
import dev.checkout.payment.api.PaymentTopics;
import dev.checkout.payment.api.RefundPayment;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.testing.SharedServers;
import dev.checkout.platform.testing.TopicDump;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Commands to the payment service as another service sends them (an envelope on {@code payment-commands}, keyed by
 * order id), and the events it answers with on {@code payment-events}, for one order at a time.
 */
final class PaymentTraffic implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    /** An event on {@code payment-events}: its type and its payload. */
    record Event(String type, JsonNode payload) {
        String text(String field) {
            return payload.path(field).asString(null);
        }
    }

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.addresses().kafkaBootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));

    static String newOrderId() {
        return Ids.newId("order");
    }

    void charge(String orderId, String amount, String cardToken) {
        send(orderId, new ChargePayment(orderId, "user_test", new BigDecimal(amount), "USD", new PaymentMethod("card", cardToken)));
    }

    void refund(String orderId, String amount, String reason) {
        send(orderId, new RefundPayment(orderId, amount == null ? null : new BigDecimal(amount), reason));
    }

    /** The order service's word that the order failed, on the order events. */
    void orderFailed(String orderId) {
        send(OrderTopics.EVENTS, orderId, new OrderFailed(orderId, "user_test", null, "payment_unavailable", Instant.now()));
    }

    private void send(String orderId, Object command) {
        send(PaymentTopics.COMMANDS, orderId, command);
    }

    private void send(String topic, String orderId, Object command) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("event_id", Ids.newId("evt"));
        envelope.put("event_type", MessageTypes.of(command.getClass()));
        envelope.put("order_id", orderId);
        envelope.put("occurred_at", Instant.now().toString());
        envelope.put("correlation_id", Ids.newId("test"));
        envelope.put("source", "payment-tests");
        envelope.put("schema_version", 1);
        envelope.put("payload", command);
        try {
            producer.send(new ProducerRecord<>(topic, orderId, JSON.writeValueAsString(envelope))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send " + command.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    /** Everything payment published about the order so far, in order. */
    List<Event> events(String orderId) {
        return TopicDump.read(SharedServers.addresses().kafkaBootstrapServers(), PaymentTopics.EVENTS).stream()
                .filter(message -> orderId.equals(message.key()))
                .map(message -> JSON.readTree(message.value()))
                .map(envelope -> new Event(envelope.path("event_type").asString(), envelope.path("payload")))
                .toList();
    }

    /** Waits for the order's first event of {@code type}. */
    Event awaitEvent(String orderId, String type) {
        return awaitEvents(orderId, type, 1).getFirst();
    }

    List<Event> awaitEvents(String orderId, String type, int count) {
        return Awaitility.await(count + " " + type + " for " + orderId).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> events(orderId).stream().filter(event -> event.type().equals(type)).toList(), found -> found.size() >= count);
    }
}
