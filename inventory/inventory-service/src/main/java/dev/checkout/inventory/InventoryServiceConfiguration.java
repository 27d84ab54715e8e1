package dev.checkout.inventory;

import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.platform.core.ServiceDescriptor;
import dev.checkout.platform.messaging.MessagingSupport;
import dev.checkout.platform.messaging.ServiceMessaging;
import dev.checkout.platform.messaging.Topics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/** The inventory service: include this configuration in a process to run it there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableConfigurationProperties(InventoryProperties.class)
public class InventoryServiceConfiguration {

    static final ServiceDescriptor INVENTORY = new ServiceDescriptor("inventory-service", "inventory");

    @Bean
    ServiceDescriptor inventoryService() {
        return INVENTORY;
    }

    @Bean
    KafkaAdmin.NewTopics inventoryTopics(Topics topics) {
        return topics.declare(InventoryTopics.COMMANDS, InventoryTopics.REPLIES, InventoryTopics.EVENTS);
    }

    /** Inventory's outbox and inbox. */
    @Component
    static class InventoryMessaging extends ServiceMessaging {
        InventoryMessaging(MessagingSupport support) {
            super(support, INVENTORY);
        }
    }
}
