package dev.checkout.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.checkout.platform.infra.ServerAddresses;
import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import dev.checkout.platform.testing.ServiceProcess;
import dev.checkout.platform.testing.SharedServers;
import dev.checkout.platform.testing.TopicDump;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The inventory service, as a process of its own, killed (the JVM halted at a crash point) after the Redis gate held a
 * reservation and before PostgreSQL recorded it. Nothing stays stuck: the hold is visible as in flight, PostgreSQL
 * holds nothing, and once the service is back the redelivered command reserves the units exactly once.
 */
class ReservationCrashIT {

    static final String ADMIN_EMAIL = "admin-crash-tests@localhost";
    static final String ADMIN_PASSWORD = "crash-tests-admin-password";
    static final String SERVICES = "identity,catalog,inventory";
    static final String CRASH_POINT = "inventory.reserve.between-redis-and-postgres";
    static final Map<String, String> ADMIN = Map.of("CHECKOUT_ADMIN_EMAIL", ADMIN_EMAIL, "CHECKOUT_ADMIN_PASSWORD", ADMIN_PASSWORD);

    final ServerAddresses servers = SharedServers.addresses();

    @Test
    void aReservationCutShortBetweenRedisAndPostgresIsMadeExactlyOnceWhenTheServiceIsBack() throws Exception {
        String owner = "order_crash_" + UUID.randomUUID().toString().replace("-", "");
        String product;
        // First an unarmed process: it stocks the product and drains any command other tests left pending, which the
        // armed process would otherwise meet first and die on.
        try (ServiceProcess unarmed = ServiceProcess.start(SERVICES, servers, ADMIN, List.of())) {
            awaitGateTrusted(unarmed.api());
            product = productWithStock(unarmed.api(), 10);
            await("the product's counter loaded").atMost(Duration.ofSeconds(30)).until(() -> "10".equals(redis("GET", counter(product))));
            await("no inventory command pending").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> pendingInventoryCommands() == 0);
            unarmed.stop();
        }
        try (ServiceProcess armed = ServiceProcess.start(SERVICES, servers, withCrashPoint(), List.of())) {
            awaitGateTrusted(armed.api());

            sendReserveStock(owner, product, 3);

            assertThat(armed.awaitExit(Duration.ofSeconds(90))).isEqualTo(137);
        }
        // Half done: Redis holds the units for the owner, in flight; PostgreSQL has nothing.
        assertThat(redis("ZSCORE", "{inventory}:in-flight", owner)).isNotNull();
        assertThat(redis("GET", counter(product))).isEqualTo("7");
        assertThat(reservationsOf(owner)).isZero();
        assertThat(reservedUnitsOf(product)).isZero();

        try (ServiceProcess back = ServiceProcess.start(SERVICES, servers, ADMIN, List.of())) {
            await("the redelivered command reserved").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(repliesTo(owner)).contains("StockReserved"));

            assertThat(reservationsOf(owner)).isEqualTo(1);
            assertThat(reservedUnitsOf(product)).isEqualTo(3);
            await("the hold settled").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(redis("ZSCORE", "{inventory}:in-flight", owner)).isNull();
                assertThat(redis("GET", counter(product))).isEqualTo("7");
            });
            back.stop();
        }
    }

    private static Map<String, String> withCrashPoint() {
        Map<String, String> environment = new java.util.HashMap<>(ADMIN);
        environment.put("CHECKOUT_CRASH_POINTS", CRASH_POINT);
        return environment;
    }

    private static String counter(String product) {
        return "{inventory}:available:" + product;
    }

    /** Commands on inventory-commands the inventory service's consumer group has not yet processed. */
    private long pendingInventoryCommands() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of("inventory-commands")).allTopicNames().get()
                    .get("inventory-commands").partitions().stream()
                    .map(p -> new TopicPartition("inventory-commands", p.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("inventory-service")
                    .partitionsToOffsetAndMetadata().get();
            var earliest = admin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p, p -> OffsetSpec.earliest())))
                    .all().get();
            var latest = admin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get();
            long pending = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                long from = done != null ? done.offset() : earliest.get(partition).offset();
                pending += Math.max(0, latest.get(partition).offset() - from);
            }
            return pending;
        }
    }

    private static void awaitGateTrusted(ApiClient api) {
        await("the inventory gate trusted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/actuator/prometheus").body().contains("checkout_inventory_gate_trusted 1.0"));
    }

    private static String productWithStock(ApiClient api, int units) {
        ApiResponse login = api.post("/api/v1/auth/login", Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        ApiClient admin = api.withToken(login.text("/access_token"));
        ApiResponse created = admin.post("/api/v1/admin/products", Map.of("sku", "SKU-" + UUID.randomUUID(), "name", "Crash widget",
                "brand", "Acme", "category_path", "tools/widgets", "base_price", new BigDecimal("4.00")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String product = created.text("/product_id");
        ApiResponse stocked = admin.put("/api/v1/admin/inventory/" + product, Map.of("warehouse_id", "wh_main", "quantity_total", units));
        assertThat(stocked.status()).as(stocked.toString()).isEqualTo(200);
        return product;
    }

    /** A ReserveStock command as the checkout saga sends it: an envelope on inventory-commands keyed by the owner. */
    private void sendReserveStock(String owner, String product, int units) throws Exception {
        String envelope = """
                {"event_id": "evt_%s", "event_type": "ReserveStock", "saga_id": null, "order_id": "%s",
                 "occurred_at": "%s", "correlation_id": "%s", "causation_id": null, "source": "crash-test", "schema_version": 1,
                 "payload": {"owner_id": "%s", "lines": [{"product_id": "%s", "variant_id": null, "quantity": %d}],
                             "expires_at": "%s", "adopt_reservation_of": null}}"""
                .formatted(UUID.randomUUID().toString().replace("-", ""), owner, Instant.now(), UUID.randomUUID(), owner, product, units,
                        Instant.now().plus(Duration.ofMinutes(15)));
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>("inventory-commands", owner, envelope)).get();
        }
    }

    private List<String> repliesTo(String owner) {
        return TopicDump.read(servers.kafkaBootstrapServers(), "inventory-replies").stream()
                .filter(message -> owner.equals(message.key()))
                .map(message -> message.header("event_type"))
                .toList();
    }

    private int reservationsOf(String owner) throws SQLException {
        return count("select count(*) from inventory.reservations where owner_id = ?", owner);
    }

    private int reservedUnitsOf(String product) throws SQLException {
        return count("select coalesce(sum(quantity_reserved), 0) from inventory.stock where product_id = ?", product);
    }

    private int count(String sql, String parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(servers.jdbcUrl(), servers.username(), servers.password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /**
     * One Redis command whose reply is a bulk string (or nil). This module has no Redis client on its classpath, and two
     * read commands do not justify one: RESP for them is a few lines.
     */
    private String redis(String... command) {
        URI uri = URI.create(servers.redisUrl());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            StringBuilder request = new StringBuilder("*" + command.length + "\r\n");
            for (String part : command) {
                request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String header = readLine(in);
            if (header.startsWith("-")) {
                throw new IllegalStateException("Redis said " + header);
            }
            int length = Integer.parseInt(header.substring(1));
            if (length < 0) {
                return null;
            }
            byte[] value = in.readNBytes(length);
            readLine(in);
            return new String(value, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < 0) {
                throw new IOException("Redis closed the connection");
            }
            line.append((char) c);
        }
        in.read(); // '\n'
        return line.toString();
    }
}
