package dev.checkout.analytics;

import dev.checkout.platform.core.ServiceDescriptor;
import dev.checkout.platform.messaging.MessagingSupport;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/** The analytics service: include this configuration in a process to run it there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class AnalyticsServiceConfiguration {

    static final ServiceDescriptor ANALYTICS = new ServiceDescriptor("analytics-service", "analytics");

    @Bean
    ServiceDescriptor analyticsService() {
        return ANALYTICS;
    }

    /** Analytics' inbox (it publishes nothing, so its outbox stays empty). */
    @Component
    static class AnalyticsMessaging extends ServiceMessaging {
        AnalyticsMessaging(MessagingSupport support) {
            super(support, ANALYTICS);
        }
    }
}
