package dev.checkout.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.checkout.platform.infra.ServerAddresses;
import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ServiceProcess;
import dev.checkout.platform.testing.SharedServers;
import dev.checkout.platform.testing.TopicDump;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay survives being killed at its worst moments. A process running inventory and catalog is halted
 * (as by SIGKILL: no shutdown hooks) right after an outbox row committed but before it was published, and right
 * after it was published but before it was marked; each time a restarted process delivers the message and the
 * consumer applies its effect exactly once.
 */
class RelayCrashIT {

    static final String SERVICES = "identity,catalog,inventory";
    static final Map<String, String> ENVIRONMENT = Map.of(
            "CHECKOUT_ADMIN_EMAIL", "relay-crash-admin@localhost",
            "CHECKOUT_ADMIN_PASSWORD", "relay-crash-admin-password");

    final ServerAddresses servers = SharedServers.addresses();
    final Database database = new Database(servers);

    @Test
    void aMessageCommittedButNotPublishedWhenTheRelayDiesIsDeliveredOnceAfterARestart() {
        String product = aProductWhoseMessagesAreAllPublished();

        ServiceProcess crashing = start("relay.before-publish");
        setStock(crashing, product, 100);
        assertThat(crashing.awaitExit(Duration.ofSeconds(60))).as("halted at the crash point").isEqualTo(137);
        String eventId = unpublishedStockEventOf(product);
        assertThat(published(eventId)).as("not on the topic yet").isZero();

        try (ServiceProcess restarted = start(null)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> published(eventId) == 1);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> availableInCatalog(restarted, product) == 100);
            assertThat(processedByCatalog(eventId)).isEqualTo(1);
            assertThat(published(eventId)).isEqualTo(1);
        }
    }

    @Test
    void aMessagePublishedButNotMarkedWhenTheRelayDiesIsSentAgainAndAppliedOnce() {
        String product = aProductWhoseMessagesAreAllPublished();

        ServiceProcess crashing = start("relay.after-publish");
        setStock(crashing, product, 60);
        assertThat(crashing.awaitExit(Duration.ofSeconds(60))).as("halted at the crash point").isEqualTo(137);
        String eventId = unpublishedStockEventOf(product);
        assertThat(published(eventId)).as("on the topic, but the outbox does not know it").isEqualTo(1);

        try (ServiceProcess restarted = start(null)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> published(eventId) == 2);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> availableInCatalog(restarted, product) == 60);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processedByCatalog(eventId) == 1);
            assertThat(processedByCatalog(eventId)).as("the duplicate was skipped").isEqualTo(1);
        }
    }

    private String aProductWhoseMessagesAreAllPublished() {
        try (ServiceProcess healthy = start(null)) {
            ApiClient admin = admin(healthy);
            var created = admin.post("/api/v1/admin/products", Map.of("sku", "RELAY-" + UUID.randomUUID(), "name", "Relay test",
                    "base_price", new java.math.BigDecimal("1.00")));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    database.count("select count(*) from catalog.outbox where published_at is null") == 0
                            && database.count("select count(*) from inventory.outbox where published_at is null") == 0);
            return created.text("/product_id");
        }
    }

    /** Sets the stock; the process may halt before answering, so the answer is not relied on. */
    private void setStock(ServiceProcess process, String product, int units) {
        try {
            admin(process).put("/api/v1/admin/inventory/" + product, Map.of("warehouse_id", "wh_main", "quantity_total", units));
        } catch (RuntimeException answerLost) {
            // the crash point may halt the process before the response leaves
        }
    }

    private String unpublishedStockEventOf(String product) {
        List<String> unpublished = database.strings("""
                select event_id from inventory.outbox
                where published_at is null and message_key = ? and event_type = 'StockLevelChanged'""", product);
        assertThat(unpublished).as("the stock change committed with its message").hasSize(1);
        return unpublished.getFirst();
    }

    private long published(String eventId) {
        return TopicDump.read(servers.kafkaBootstrapServers(), "inventory-events").stream()
                .filter(message -> eventId.equals(message.header("event_id"))).count();
    }

    private long processedByCatalog(String eventId) {
        return database.count("select count(*) from catalog.processed_messages where event_id = ?", eventId);
    }

    private static int availableInCatalog(ServiceProcess process, String product) {
        return process.api().get("/api/v1/products/" + product).json().path("available_quantity").asInt();
    }

    private static ApiClient admin(ServiceProcess process) {
        var login = process.api().post("/api/v1/auth/login", Map.of("email", ENVIRONMENT.get("CHECKOUT_ADMIN_EMAIL"),
                "password", ENVIRONMENT.get("CHECKOUT_ADMIN_PASSWORD")));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return process.api().withToken(login.text("/access_token"));
    }

    private ServiceProcess start(String crashPoint) {
        List<String> arguments = crashPoint == null
                ? List.of("--gateway-url", "http://127.0.0.1:9")
                : List.of("--gateway-url", "http://127.0.0.1:9", "--checkout.crash-points=" + crashPoint);
        return ServiceProcess.start(SERVICES, servers, ENVIRONMENT, arguments);
    }
}
