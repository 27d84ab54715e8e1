package dev.checkout.order;

import dev.checkout.order.api.OrderTopics;
import dev.checkout.order.flashsale.FlashSaleProperties;
import dev.checkout.order.returns.ReturnProperties;
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

/** The order service: include this configuration in a process to run it there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableConfigurationProperties({OrderProperties.class, ReturnProperties.class, FlashSaleProperties.class})
public class OrderServiceConfiguration {

    static final ServiceDescriptor ORDERS = new ServiceDescriptor("order-service", "orders");

    @Bean
    ServiceDescriptor orderService() {
        return ORDERS;
    }

    @Bean
    KafkaAdmin.NewTopics orderTopics(Topics topics) {
        return topics.declare(OrderTopics.EVENTS);
    }

    /** The order service's outbox and inbox. */
    @Component
    public static class OrderMessaging extends ServiceMessaging {
        OrderMessaging(MessagingSupport support) {
            super(support, ORDERS);
        }
    }
}
