package dev.checkout.analytics;

import dev.checkout.platform.core.ServiceDescriptor;
import dev.checkout.platform.messaging.CheckoutService;
import dev.checkout.platform.messaging.MessagingSupport;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The analytics service: include this configuration in a process to run it there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@CheckoutService(name = "analytics-service", schema = "analytics",
        messaging = AnalyticsServiceConfiguration.AnalyticsMessaging.class)
public class AnalyticsServiceConfiguration {

    /** Analytics' inbox (it publishes nothing, so its outbox stays empty). */
    static class AnalyticsMessaging extends ServiceMessaging {
        AnalyticsMessaging(MessagingSupport support, ServiceDescriptor service) {
            super(support, service);
        }
    }
}
