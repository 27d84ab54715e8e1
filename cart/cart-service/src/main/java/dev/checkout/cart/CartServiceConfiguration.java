package dev.checkout.cart;

import java.util.List;

import dev.checkout.cart.api.CartTopics;
import dev.checkout.platform.core.ServiceDescriptor;
import dev.checkout.platform.messaging.CheckoutService;
import dev.checkout.platform.messaging.MessagingSupport;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The cart service: include this configuration in a process to run it there. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@CheckoutService(name = "cart-service", schema = "cart", topics = CartTopics.EVENTS,
        messaging = CartServiceConfiguration.CartMessaging.class)
@EnableConfigurationProperties(CartProperties.class)
public class CartServiceConfiguration {

    @Bean
    WebMvcConfigurer cartAccessArguments(CartStore store) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CartAccess.Resolver(store));
            }
        };
    }

    /** The cart's outbox and inbox. */
    static class CartMessaging extends ServiceMessaging {
        CartMessaging(MessagingSupport support, ServiceDescriptor service) {
            super(support, service);
        }
    }
}
