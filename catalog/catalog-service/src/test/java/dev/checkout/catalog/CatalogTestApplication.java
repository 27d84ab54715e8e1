package dev.checkout.catalog;

import dev.checkout.platform.web.AccountStatuses;
import dev.checkout.platform.web.SecurityProperties;
import dev.checkout.platform.web.SigningKeys;
import dev.checkout.platform.web.TokenIssuer;
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

    /** Tokens as identity would sign them; this test process does not run identity, so it makes its own key. */
    @Bean
    TokenIssuer testTokenIssuer(SecurityProperties properties, java.time.Clock clock) {
        return new TokenIssuer(SigningKeys.generate(), properties, clock);
    }

    /** Without identity here, every user of the tests' tokens counts as active. */
    @Bean
    AccountStatuses everyAccountActive() {
        return userId -> true;
    }

    /** Inventory declares the topic the catalog reads availability from; this test process does not run inventory. */
    @Bean
    KafkaAdmin.NewTopics inventoryTopics(Topics topics) {
        return topics.declare(InventoryTopics.EVENTS);
    }

    /** The order service declares the topic the catalog learns purchases from; this test process does not run it. */
    @Bean
    KafkaAdmin.NewTopics orderTopics(Topics topics) {
        return topics.declare(dev.checkout.order.api.OrderTopics.EVENTS);
    }
}
