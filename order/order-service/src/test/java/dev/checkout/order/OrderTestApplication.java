package dev.checkout.order;

import dev.checkout.catalog.api.CatalogTopics;
import dev.checkout.fulfillment.api.FulfillmentTopics;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.payment.api.PaymentTopics;
import dev.checkout.platform.messaging.Topics;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The order service alone, on the platform, as its integration tests boot it. They call no HTTP endpoint, so nothing
 * here stands in for identity.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(OrderServiceConfiguration.class)
public class OrderTestApplication {

    /** The topics the order service reads, which the services that own them would declare; they do not run here. */
    @Bean
    KafkaAdmin.NewTopics otherServicesTopics(Topics topics) {
        return topics.declare(InventoryTopics.REPLIES, PaymentTopics.EVENTS, CatalogTopics.EVENTS, FulfillmentTopics.EVENTS);
    }
}
