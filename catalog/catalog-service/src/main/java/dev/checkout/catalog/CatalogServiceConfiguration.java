package dev.checkout.catalog;

import dev.checkout.catalog.api.CatalogTopics;
import dev.checkout.platform.core.ServiceDescriptor;
import dev.checkout.platform.messaging.CheckoutService;
import dev.checkout.platform.messaging.MessagingSupport;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The catalog service: include this configuration in a process to run it there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@CheckoutService(name = "catalog-service", schema = "catalog", topics = CatalogTopics.EVENTS,
        messaging = CatalogServiceConfiguration.CatalogMessaging.class)
@EnableConfigurationProperties(SearchProperties.class)
public class CatalogServiceConfiguration {

    /** The catalog's outbox and inbox. */
    static class CatalogMessaging extends ServiceMessaging {
        CatalogMessaging(MessagingSupport support, ServiceDescriptor service) {
            super(support, service);
        }
    }
}
