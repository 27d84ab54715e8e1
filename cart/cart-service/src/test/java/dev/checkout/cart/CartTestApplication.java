package dev.checkout.cart;

import dev.checkout.platform.web.AccountStatuses;
import dev.checkout.platform.web.SecurityProperties;
import dev.checkout.platform.web.SigningKeys;
import dev.checkout.platform.web.TokenIssuer;
import dev.checkout.catalog.api.CatalogTopics;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.platform.messaging.Topics;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;

/** The cart service alone, on the platform, as its integration tests boot it. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(CartServiceConfiguration.class)
class CartTestApplication {

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

    /** The topics the cart listens to are declared by their owners, which this test process does not run. */
    @Bean
    KafkaAdmin.NewTopics upstreamTopics(Topics topics) {
        return topics.declare(CatalogTopics.EVENTS, InventoryTopics.EVENTS, OrderTopics.EVENTS);
    }
}
