package dev.checkout.pricing;

import dev.checkout.platform.core.ServiceDescriptor;
import dev.checkout.platform.messaging.CheckoutService;
import dev.checkout.platform.messaging.MessagingSupport;
import dev.checkout.platform.messaging.ServiceMessaging;
import dev.checkout.pricing.api.PricingTopics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The pricing service: include this configuration in a process to run it there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@CheckoutService(name = "pricing-service", schema = "pricing", topics = PricingTopics.EVENTS,
        messaging = PricingServiceConfiguration.PricingMessaging.class)
@EnableConfigurationProperties(PricingRules.class)
public class PricingServiceConfiguration {

    /** Pricing's inbox (the order events that settle coupon uses) and outbox (its rules). */
    static class PricingMessaging extends ServiceMessaging {
        PricingMessaging(MessagingSupport support, ServiceDescriptor service) {
            super(support, service);
        }
    }
}
