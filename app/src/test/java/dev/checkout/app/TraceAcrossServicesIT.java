package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import dev.checkout.platform.testing.SharedServers;
import dev.checkout.platform.testing.TopicDump;
import org.junit.jupiter.api.Test;

/**
 * One order is one trace: the trace id of the POST that placed it (W3C {@code traceparent}) travels through the
 * outbox into every message of its saga, including those published by consumers in other services (inventory's
 * reply, payment's outcome) and the order's confirmation published after them. A break anywhere along
 * HTTP → outbox → Kafka → consumer → outbox would leave a message with another trace id or none.
 */
class TraceAcrossServicesIT extends EndToEndTest {

    @Test
    void everyMessageOfAnOrdersSagaCarriesTheTraceIdOfThePostThatPlacedIt() {
        String traceId = randomHex(16);
        String product = fixtures.productWithStock("9.00", 5);
        ApiClient customer = fixtures.newCustomer();

        ApiResponse placed = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .withHeader("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .post("/api/v1/orders", Fixtures.directOrder(product, 1, "tok_visa"));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(202);
        String orderId = placed.text("/order_id");
        assertThat(Fixtures.awaitSettled(customer, orderId).text("/status")).isEqualTo("CONFIRMED");

        Map<String, String> sources = Map.of(
                "inventory-commands", "order-service", "inventory-replies", "inventory-service", "payment-commands", "order-service",
                "payment-events", "payment-service", "order-events", "order-service");
        for (var topic : sources.entrySet()) {
            List<TopicDump.Message> ofTheOrder = TopicDump.read(SharedServers.addresses().kafkaBootstrapServers(), topic.getKey())
                    .stream().filter(m -> orderId.equals(m.key())).toList();
            assertThat(ofTheOrder).as("messages of the order on " + topic.getKey()).isNotEmpty();
            assertThat(ofTheOrder).as("their source").anyMatch(m -> topic.getValue().equals(m.header("source")));
            assertThat(ofTheOrder).as("the trace of each message of the order on " + topic.getKey())
                    .allSatisfy(m -> assertThat(traceIdOf(m.header("traceparent"))).as(m.header("event_type")).isEqualTo(traceId));
        }
        assertThat(TopicDump.read(SharedServers.addresses().kafkaBootstrapServers(), "order-events"))
                .as("the confirmation, published after the order crossed inventory and payment")
                .anyMatch(m -> orderId.equals(m.key()) && "OrderConfirmed".equals(m.header("event_type"))
                        && traceId.equals(traceIdOf(m.header("traceparent"))));
    }

    /** The trace id of a W3C {@code traceparent} ({@code version-traceid-spanid-flags}), or null. */
    private static String traceIdOf(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        return parts.length == 4 ? parts[1] : null;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
