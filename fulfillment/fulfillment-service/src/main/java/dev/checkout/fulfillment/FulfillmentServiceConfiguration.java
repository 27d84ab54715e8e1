package dev.checkout.fulfillment;

import dev.checkout.fulfillment.api.FulfillmentTopics;
import dev.checkout.platform.core.ServiceDescriptor;
import dev.checkout.platform.messaging.MessagingSupport;
import dev.checkout.platform.messaging.ServiceMessaging;
import dev.checkout.platform.messaging.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/** The fulfillment service: include this configuration in a process to run it there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class FulfillmentServiceConfiguration {

    static final ServiceDescriptor FULFILLMENT = new ServiceDescriptor("fulfillment-service", "fulfillment");

    @Bean
    ServiceDescriptor fulfillmentService() {
        return FULFILLMENT;
    }

    @Bean
    KafkaAdmin.NewTopics fulfillmentTopics(Topics topics) {
        return topics.declare(FulfillmentTopics.EVENTS);
    }

    /** Fulfillment's outbox and inbox. */
    @Component
    static class FulfillmentMessaging extends ServiceMessaging {
        FulfillmentMessaging(MessagingSupport support) {
            super(support, FULFILLMENT);
        }
    }
}
