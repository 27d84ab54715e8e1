package dev.checkout.order;

import java.util.List;

import dev.checkout.order.api.OrderTopics;
import dev.checkout.order.saga.SagaStore;
import dev.checkout.order.saga.Sagas;
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
@EnableConfigurationProperties({OrderProperties.class, ReturnProperties.class})
public class OrderServiceConfiguration {

    static final ServiceDescriptor ORDERS = new ServiceDescriptor("order-service", "orders");

    @Bean
    ServiceDescriptor orderService() {
        return ORDERS;
    }

    /** Every saga the order service orchestrates, so replies and recovery reach each by its type. */
    @Bean
    Sagas sagas(SagaStore store, CheckoutSaga checkout, CancellationSaga cancellation) {
        return new Sagas(store, List.of(checkout.engine(), cancellation.engine()));
    }

    @Bean
    KafkaAdmin.NewTopics orderTopics(Topics topics) {
        return topics.declare(OrderTopics.EVENTS);
    }

    /** The order service's outbox and inbox. */
    @Component
    static class OrderMessaging extends ServiceMessaging {
        OrderMessaging(MessagingSupport support) {
            super(support, ORDERS);
        }
    }
}
