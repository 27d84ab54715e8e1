package dev.checkout.inventory;

import static dev.checkout.inventory.StockFixtures.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.platform.testing.SharedServers;
import dev.checkout.platform.testing.TopicDump;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Stock levels are announced on inventory-events keyed by product: the latest level, not one event per reservation. */
class StockLevelAnnouncementIT extends InventoryIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aBurstOfReservationsEndsInOneAnnouncedLevelThatIsTheLatest() {
        String product = stock.productWith(60);

        Concurrently.run(50, i -> reservations.reserve(orderOf(product, 1)));

        await("the level announced").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> levels = levelsOf(product);
            assertThat(levels).isNotEmpty();
            JsonNode latest = levels.getLast();
            assertThat(latest.path("quantity_total").asInt()).isEqualTo(60);
            assertThat(latest.path("quantity_reserved").asInt()).isEqualTo(50);
            assertThat(latest.path("quantity_available").asInt()).isEqualTo(10);
            assertThat(latest.path("product_quantity_available").asInt()).isEqualTo(10);
        });
        assertThat(levelsOf(product)).hasSizeLessThan(51); // coalesced: at most one per stock change, usually far fewer
    }

    private static List<JsonNode> levelsOf(String product) {
        return TopicDump.read(SharedServers.addresses().kafkaBootstrapServers(), InventoryTopics.EVENTS).stream()
                .filter(message -> product.equals(message.key()))
                .map(message -> JSON.readTree(message.value()))
                .filter(envelope -> "StockLevelChanged".equals(envelope.path("event_type").asString()))
                .map(envelope -> envelope.path("payload"))
                .toList();
    }
}
