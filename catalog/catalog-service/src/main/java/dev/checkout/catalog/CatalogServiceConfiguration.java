package dev.checkout.catalog;

import dev.checkout.catalog.api.CatalogTopics;
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

/** The catalog service: include this configuration in a process to run it there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableConfigurationProperties(SearchProperties.class)
public class CatalogServiceConfiguration {

    static final ServiceDescriptor CATALOG = new ServiceDescriptor("catalog-service", "catalog");

    @Bean
    ServiceDescriptor catalogService() {
        return CATALOG;
    }

    @Bean
    KafkaAdmin.NewTopics catalogTopics(Topics topics) {
        return topics.declare(CatalogTopics.EVENTS);
    }

    /** The catalog's outbox and inbox. */
    @Component
    static class CatalogMessaging extends ServiceMessaging {
        CatalogMessaging(MessagingSupport support) {
            super(support, CATALOG);
        }
    }
}
