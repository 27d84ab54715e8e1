package dev.checkout.payment;

import dev.checkout.payment.api.PaymentTopics;
import dev.checkout.platform.core.GroupCommit;
import dev.checkout.platform.core.ServiceDescriptor;
import dev.checkout.platform.messaging.CheckoutService;
import dev.checkout.platform.messaging.InboundMessage;
import dev.checkout.platform.messaging.MessagingSupport;
import dev.checkout.platform.messaging.OutgoingMessage;
import dev.checkout.platform.messaging.ServiceMessaging;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payment service: include this configuration in a process to run it there. Its gateway protection is
 * Resilience4j's {@code payment-gateway} instances: the numbers (timeout, retries and back-off, breaker window and
 * thresholds, pool size) come from {@code resilience4j.*} settings; what an answer means to them is decided here.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@CheckoutService(name = "payment-service", schema = "payment", topics = {PaymentTopics.COMMANDS, PaymentTopics.EVENTS},
        messaging = PaymentServiceConfiguration.PaymentMessaging.class)
@EnableConfigurationProperties(PaymentProperties.class)
public class PaymentServiceConfiguration {

    /** The breaker counts answers, not exceptions: unavailable and unknown ones are failures, a refusal is not. */
    @Bean
    CircuitBreakerConfigCustomizer paymentGatewayBreaker() {
        return CircuitBreakerConfigCustomizer.of(PaymentGateway.RESILIENCE, breaker -> breaker.recordResult(PaymentGateway::isFailure));
    }

    /**
     * Only "nothing was done" is sent again at once. An unknown outcome is left to the resolver (the answer may arrive
     * late, and the wait must survive a crash), and a call the open breaker refused is not retried: that is the point
     * of the breaker.
     */
    @Bean
    RetryConfigCustomizer paymentGatewayRetry() {
        return RetryConfigCustomizer.of(PaymentGateway.RESILIENCE, retry -> retry
                .retryOnResult(PaymentGateway::isWorthRetrying)
                .retryOnException(exception -> false));
    }

    @Bean(destroyMethod = "close")
    GatewayWork gatewayWork(ThreadPoolBulkheadRegistry bulkheads) {
        return new GatewayWork(bulkheads.bulkhead(PaymentGateway.RESILIENCE));
    }

    /**
     * Where the gateway's answers are recorded: answers that come in together share a commit. An answer lost to a
     * crash before its commit is not lost for good: the payment stays due and the resolver asks the gateway again.
     */
    @Bean
    GroupCommit paymentOutcomes(TransactionTemplate transactions) {
        return new GroupCommit("payment-outcomes", transactions, 200);
    }

    /** Payment's outbox and inbox. */
    static class PaymentMessaging extends ServiceMessaging {
        PaymentMessaging(MessagingSupport support, ServiceDescriptor service) {
            super(support, service);
        }

        /** Publishes a payment event on {@code payment-events}, keyed by its order; a reply to {@code cause} if there is one. */
        void announce(String orderId, Object event, InboundMessage cause) {
            OutgoingMessage message = OutgoingMessage.of(PaymentTopics.EVENTS, orderId, event);
            publish(cause == null ? message : message.causedBy(cause));
        }
    }
}
