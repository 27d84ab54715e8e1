package dev.checkout.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One kind of trouble: what to arm before the workload, what to do while it runs, and how to stop. Crash points halt a
 * process at an exact step (as SIGKILL would); the runner then starts it again.
 */
record Scenario(String name, String description, Fault prepare, Fault fault, int flashSaleUnits) {

    /**
     * The trouble itself, run alongside the workload; it must leave the cluster running and fault-free when done.
     * It returns a note when the fault did not happen as planned (a crash point nobody reached), or null.
     */
    interface Fault {
        String inject(Cluster cluster, Random random) throws Exception;
    }

    static final Fault NOTHING = (cluster, random) -> null;

    /** The units of the flash sale a flash-sale scenario holds. */
    static final int FLASH_SALE_UNITS = 12;

    Scenario(String name, String description, Fault prepare, Fault fault) {
        this(name, description, prepare, fault, 0);
    }

    Scenario(String name, String description, Fault fault) {
        this(name, description, NOTHING, fault);
    }

    /** Whether the run holds a flash sale ({@link FlashSaleRush}) beside the workload. */
    boolean hasFlashSale() {
        return flashSaleUnits > 0;
    }

    /**
     * Points where the order service is halted: every saga step boundary, before and after the commit (the end's
     * after-commit point lies between CONFIRMED and the reactions to it), inside a batch of replies, and in the relay.
     */
    static final List<String> ORDER_CRASH_POINTS = List.of(
            "order.placed.before-commit", "order.placed.after-commit",
            "saga.charge_payment.before-commit", "saga.charge_payment.after-commit",
            "saga.confirm_stock.before-commit", "saga.confirm_stock.after-commit",
            "saga.end.before-commit", "saga.end.after-commit",
            "consumer.saga-replies.inside-batch",
            "relay.before-publish", "relay.after-publish");

    /** Scenarios whose name starts so run {@link ReturnJourneys} alongside the workload. */
    static final String REFUND_PREFIX = "refund-";

    static List<Scenario> all() {
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(new Scenario("baseline", "no faults", NOTHING));
        for (String point : ORDER_CRASH_POINTS) {
            scenarios.add(crash("order-crash@" + point, "the order service halted at " + point + ", then restarted", Cluster.Role.ORDER, point));
        }
        scenarios.add(crash("payment-crash@after-gateway-charge", "the payment service halted between the charge and recording it",
                Cluster.Role.PAYMENT, "payment.after-gateway-charge"));
        scenarios.add(crash(REFUND_PREFIX + "payment-crash@after-gateway-refund",
                "customers return items; the payment service halted after the gateway made a return's refund, before recording it",
                Cluster.Role.PAYMENT, "payment.after-gateway-refund"));
        scenarios.add(crash(REFUND_PREFIX + "order-crash@return-refunded.before-commit",
                "customers return items; the order service halted while recording a return's refund, before its commit",
                Cluster.Role.ORDER, "order.return-refunded.before-commit"));
        scenarios.add(crash("inventory-crash@relay.before-publish", "inventory halted after committing a reply, before publishing it",
                Cluster.Role.INVENTORY, "relay.before-publish"));
        scenarios.add(crash("inventory-crash@inside-batch", "inventory halted in the middle of a batch of commands, before its commit",
                Cluster.Role.INVENTORY, "consumer.inventory-commands.inside-batch"));
        scenarios.add(crash("payment-crash@inside-batch", "the payment service halted in the middle of a batch of commands, before its commit",
                Cluster.Role.PAYMENT, "consumer.payment-commands.inside-batch"));
        scenarios.add(crash("reactions-crash@inside-batch", "the services reacting to confirmed orders halted in the middle of a batch",
                Cluster.Role.EDGE, "consumer.order-events.inside-batch"));
        scenarios.add(crash("inventory-crash@reserve.between-redis-and-postgres",
                "inventory halted after holding stock in Redis, before recording the reservation in PostgreSQL",
                Cluster.Role.INVENTORY, "inventory.reserve.between-redis-and-postgres"));
        for (String fault : List.of("error_rate", "drop_response_after_commit_rate", "malformed_rate", "reset_rate")) {
            scenarios.add(gateway("gateway-" + fault, "the gateway with " + fault + " 0.3", Map.of(fault, 0.3)));
        }
        scenarios.add(new Scenario("flash-sale-crash", "the order service (waiting room, admission, token orders) SIGKILLed in the"
                + " middle of a flash sale, once a third of its units are confirmed, then restarted", NOTHING, (cluster, random) -> {
            Database database = new Database(cluster.addresses());
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (FlashSaleRush.confirmedUnitsOfLatestSale(database) * 3 < FLASH_SALE_UNITS && System.nanoTime() < deadline) {
                Cluster.sleep(Duration.ofMillis(100));
            }
            cluster.kill(Cluster.Role.ORDER);
            Cluster.sleep(Duration.ofMillis(500 + random.nextInt(1500)));
            cluster.startRole(Cluster.Role.ORDER, null);
            return System.nanoTime() < deadline ? null : "the sale never reached its middle";
        }, FLASH_SALE_UNITS));
        scenarios.add(gateway("gateway-latency", "the gateway answering 1.5 s late", Map.of("latency_ms", 1500)));
        scenarios.add(new Scenario("kafka-restart", "the Kafka broker killed and restarted mid-run", (cluster, random) -> {
            Cluster.sleep(Duration.ofMillis(1500 + random.nextInt(2000)));
            cluster.servers().kafka().kill();
            Cluster.sleep(Duration.ofSeconds(2));
            cluster.servers().kafka().start();
            return null;
        }));
        scenarios.add(new Scenario("postgres-restart", "PostgreSQL killed and restarted mid-run", (cluster, random) -> {
            Cluster.sleep(Duration.ofMillis(1500 + random.nextInt(2000)));
            cluster.servers().postgres().kill();
            Cluster.sleep(Duration.ofSeconds(2));
            cluster.servers().postgres().start();
            return null;
        }));
        scenarios.add(new Scenario("redis-flush", "Redis flushed mid-run", (cluster, random) -> {
            Cluster.sleep(Duration.ofMillis(1000 + random.nextInt(3000)));
            try (RedisClient client = RedisClient.create(cluster.addresses().redisUrl()); var connection = client.connect()) {
                connection.sync().flushall();
            }
            return null;
        }));
        scenarios.add(new Scenario("poison", "unreadable messages on the command topics, among the real ones", (cluster, random) -> {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.addresses().kafkaBootstrapServers());
            properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
                Cluster.sleep(Duration.ofMillis(500 + random.nextInt(1500))); // while orders flow, so they share batches
                for (String topic : List.of("inventory-commands", "payment-commands", "order-events")) {
                    producer.send(new ProducerRecord<>(topic, "poison", "{this is not an envelope")).get();
                    producer.send(new ProducerRecord<>(topic, "poison", new String(new byte[] {(byte) 0xff, 0}, StandardCharsets.ISO_8859_1))).get();
                }
                // Well-formed envelopes of a type the consumer takes, whose payload cannot be read: they fail inside a batch.
                for (var poison : Map.of("inventory-commands", "ReserveStock", "payment-commands", "ChargePayment", "order-events", "OrderConfirmed").entrySet()) {
                    String eventId = "evt_poison_" + UUID.randomUUID();
                    var record = new ProducerRecord<String, String>(poison.getKey(), "poison", """
                            {"event_id":"%s","event_type":"%s","payload":{"lines":"not a list","order_id":["not","a","string"]}}"""
                            .formatted(eventId, poison.getValue()));
                    record.headers().add("event_id", eventId.getBytes(StandardCharsets.UTF_8));
                    record.headers().add("event_type", poison.getValue().getBytes(StandardCharsets.UTF_8));
                    producer.send(record).get();
                }
            }
            return null;
        }));
        return scenarios;
    }

    /** The scenario a fixed name picks, or the one a seed picks. */
    static Scenario named(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario " + name));
    }

    /** Before the workload the process is restarted armed; the workload drives some saga to the point, where it halts. */
    private static Scenario crash(String name, String description, Cluster.Role role, String crashPoint) {
        return new Scenario(name, description, (cluster, random) -> {
            cluster.kill(role);
            cluster.startRole(role, crashPoint);
            return null;
        }, (cluster, random) -> {
            boolean halted = cluster.awaitHalt(role, Duration.ofSeconds(40));
            if (halted) {
                Cluster.sleep(Duration.ofMillis(500 + random.nextInt(1500)));
            } else {
                cluster.kill(role);
            }
            cluster.startRole(role, null);
            return halted ? null : "the crash point was not reached";
        });
    }

    private static Scenario gateway(String name, String description, Map<String, Object> faults) {
        return new Scenario(name, description, (cluster, random) -> {
            cluster.gatewayApi().put("/sim/faults", faults);
            Cluster.sleep(Duration.ofSeconds(8));
            cluster.gatewayApi().delete("/sim/faults");
            return null;
        });
    }
}
