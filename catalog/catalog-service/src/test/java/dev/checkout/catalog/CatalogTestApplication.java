package dev.checkout.catalog;

import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.platform.messaging.Topics;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;

/** The catalog service alone, on the platform, as its integration tests boot it. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(CatalogServiceConfiguration.class)
class CatalogTestApplication {

    /** Inventory declares the topic the catalog reads availability from; this test process does not run inventory. */
    @Bean
    KafkaAdmin.NewTopics inventoryTopics(Topics topics) {
        return topics.declare(InventoryTopics.EVENTS);
    }
}
