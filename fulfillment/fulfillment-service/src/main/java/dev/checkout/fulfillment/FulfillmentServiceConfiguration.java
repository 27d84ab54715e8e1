package dev.checkout.fulfillment;

import dev.checkout.fulfillment.api.FulfillmentTopics;
import dev.checkout.platform.core.ServiceDescriptor;
import dev.checkout.platform.messaging.CheckoutService;
import dev.checkout.platform.messaging.MessagingSupport;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The fulfillment service: include this configuration in a process to run it there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@CheckoutService(name = "fulfillment-service", schema = "fulfillment", topics = FulfillmentTopics.EVENTS,
        messaging = FulfillmentServiceConfiguration.FulfillmentMessaging.class)
public class FulfillmentServiceConfiguration {

    /** Fulfillment's outbox and inbox. */
    static class FulfillmentMessaging extends ServiceMessaging {
        FulfillmentMessaging(MessagingSupport support, ServiceDescriptor service) {
            super(support, service);
        }
    }
}
