package dev.checkout.inventory;

import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.platform.core.ServiceDescriptor;
import dev.checkout.platform.messaging.CheckoutService;
import dev.checkout.platform.messaging.MessagingSupport;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The inventory service: include this configuration in a process to run it there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@CheckoutService(name = "inventory-service", schema = "inventory",
        topics = {InventoryTopics.COMMANDS, InventoryTopics.REPLIES, InventoryTopics.EVENTS},
        messaging = InventoryServiceConfiguration.InventoryMessaging.class)
@EnableConfigurationProperties(InventoryProperties.class)
public class InventoryServiceConfiguration {

    /** Inventory's outbox and inbox. */
    static class InventoryMessaging extends ServiceMessaging {
        InventoryMessaging(MessagingSupport support, ServiceDescriptor service) {
            super(support, service);
        }
    }
}
