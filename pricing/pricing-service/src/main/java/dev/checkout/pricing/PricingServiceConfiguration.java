package dev.checkout.pricing;

import dev.checkout.platform.core.ServiceDescriptor;
import dev.checkout.platform.messaging.MessagingSupport;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/** The pricing service: include this configuration in a process to run it there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableConfigurationProperties(PricingRules.class)
public class PricingServiceConfiguration {

    static final ServiceDescriptor PRICING = new ServiceDescriptor("pricing-service", "pricing");

    @Bean
    ServiceDescriptor pricingService() {
        return PRICING;
    }

    /** Pricing's inbox (the order events that settle coupon uses) and outbox. */
    @Component
    static class PricingMessaging extends ServiceMessaging {
        PricingMessaging(MessagingSupport support) {
            super(support, PRICING);
        }
    }
}
