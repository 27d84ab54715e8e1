package dev.checkout.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.gateway.GatewaySimulator;
import dev.checkout.gateway.RunningGatewaySimulator;
import dev.checkout.gateway.SimulatorClient;
import dev.checkout.platform.testing.ServiceProcess;
import dev.checkout.platform.testing.SharedServers;
import dev.checkout.platform.testing.TopicDump;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payment service as its own process, killed with SIGKILL right after the gateway charged the card and before it
 * could record the answer, with the same charge command delivered twice: once restarted, it finds the unresolved
 * payment, sends the same charge again with the same key, and the gateway's ledger holds exactly one charge, which is
 * the one the service reports.
 */
class PaymentCrashIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RunningGatewaySimulator gateway;
    private ServiceProcess payment;

    @AfterEach
    void stopEverything() {
        if (payment != null) {
            payment.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aChargeCommandDeliveredTwiceToAServiceKilledMidChargeChargesTheCardExactlyOnce() throws IOException {
        gateway = GatewaySimulator.start(0, Files.createTempDirectory("gateway-"));
        SimulatorClient simulator = new SimulatorClient(gateway.baseUrl());
        String orderId = "order_crash" + Long.toHexString(System.nanoTime());
        payment = startPayment(Map.of("CHECKOUT_CRASH_POINTS", "payment.after-gateway-charge"));

        sendCharge(orderId, "42.00");
        sendCharge(orderId, "42.00");

        assertThat(payment.awaitExit(Duration.ofSeconds(60))).as("the service halted at the crash point").isEqualTo(137);
        assertThat(simulator.ledger().chargesWithKey(orderId + ":charge")).as("charged before the crash").hasSize(1);
        assertThat(processedEvents(orderId)).as("nothing announced before the crash").isEmpty();

        payment = startPayment(Map.of());

        List<JsonNode> processed = Awaitility.await("the charge of " + orderId + " announced").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> processedEvents(orderId), events -> !events.isEmpty());
        var charges = simulator.ledger().chargesWithKey(orderId + ":charge");
        assertThat(charges).singleElement().satisfies(charge -> {
            assertThat(charge.succeeded()).isTrue();
            assertThat(charge.amount()).isEqualTo(4200);
            assertThat(charge.id()).isEqualTo(processed.getFirst().path("transaction_id").asString());
        });
        assertThat(processed).extracting(event -> event.path("transaction_id").asString()).containsOnly(charges.getFirst().id());
        assertThat(payment.logTail()).doesNotContainPattern("4242[ -]?4242[ -]?4242[ -]?4242");
    }

    /** The payment service alone, with a short gateway timeout so a lost attempt is taken up again within seconds. */
    private ServiceProcess startPayment(Map<String, String> environment) {
        return ServiceProcess.start("payment", SharedServers.addresses(), environment, List.of("--gateway-url", gateway.baseUrl(),
                "--resilience4j.timelimiter.instances.payment-gateway.timeout-duration=2s", "--checkout.payment.first-retry-after=200ms"));
    }

    /** A {@code ChargePayment} as the order saga sends it: an envelope on {@code payment-commands}, keyed by order. */
    private static void sendCharge(String orderId, String amount) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("event_id", "evt_" + Long.toHexString(System.nanoTime()));
        envelope.put("event_type", "ChargePayment");
        envelope.put("order_id", orderId);
        envelope.put("occurred_at", Instant.now().toString());
        envelope.put("correlation_id", "crash-test");
        envelope.put("source", "system-tests");
        envelope.put("schema_version", 1);
        envelope.put("payload", Map.of("order_id", orderId, "user_id", "user_crash", "amount", new java.math.BigDecimal(amount),
                "currency", "USD", "payment_method", Map.of("type", "card", "card_token", "tok_visa")));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.addresses().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>("payment-commands", orderId, JSON.writeValueAsString(envelope))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send the charge command", e);
        }
    }

    private static List<JsonNode> processedEvents(String orderId) {
        return TopicDump.read(SharedServers.addresses().kafkaBootstrapServers(), "payment-events").stream()
                .filter(message -> orderId.equals(message.key()))
                .map(message -> JSON.readTree(message.value()))
                .filter(envelope -> "PaymentProcessed".equals(envelope.path("event_type").asString()))
                .map(envelope -> envelope.path("payload"))
                .toList();
    }
}
