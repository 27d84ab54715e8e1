package dev.checkout.order;

import dev.checkout.order.api.OrderTopics;
import dev.checkout.order.flashsale.FlashSaleProperties;
import dev.checkout.order.returns.ReturnProperties;
import dev.checkout.platform.core.ServiceDescriptor;
import dev.checkout.platform.messaging.CheckoutService;
import dev.checkout.platform.messaging.MessagingSupport;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The order service: include this configuration in a process to run it there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@CheckoutService(name = "order-service", schema = "orders", topics = OrderTopics.EVENTS,
        messaging = OrderServiceConfiguration.OrderMessaging.class)
@EnableConfigurationProperties({OrderProperties.class, ReturnProperties.class, FlashSaleProperties.class})
public class OrderServiceConfiguration {

    /** The order service's outbox and inbox (public: every feature package of the service publishes through it). */
    public static class OrderMessaging extends ServiceMessaging {
        OrderMessaging(MessagingSupport support, ServiceDescriptor service) {
            super(support, service);
        }
    }
}
