package dev.checkout.order;

import java.util.List;

import dev.checkout.order.api.OrderTopics;
import dev.checkout.order.saga.SagaStore;
import dev.checkout.order.saga.Sagas;
import dev.checkout.platform.core.ServiceDescriptor;
import dev.checkout.platform.messaging.CheckoutService;
import dev.checkout.platform.messaging.MessagingSupport;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The order service: include this configuration in a process to run it there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@CheckoutService(name = "order-service", schema = "orders", topics = OrderTopics.EVENTS,
        messaging = OrderServiceConfiguration.OrderMessaging.class)
@EnableConfigurationProperties({OrderProperties.class, ReturnProperties.class, FlashSaleProperties.class})
public class OrderServiceConfiguration {

    /** Every saga the order service orchestrates, so replies and recovery reach each by its type. */
    @Bean
    Sagas sagas(SagaStore store, CheckoutSaga checkout, CancellationSaga cancellation) {
        return new Sagas(store, List.of(checkout.engine(), cancellation.engine()));
    }

    /** The order service's outbox and inbox. */
    static class OrderMessaging extends ServiceMessaging {
        OrderMessaging(MessagingSupport support, ServiceDescriptor service) {
            super(support, service);
        }
    }
}
