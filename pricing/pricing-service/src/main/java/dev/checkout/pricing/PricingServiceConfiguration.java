package dev.checkout.pricing;

import dev.checkout.platform.core.ServiceDescriptor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

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
}
