package dev.checkout.platform.messaging;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import net.javacrumbs.shedlock.core.LockProvider;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messaging backbone of a process: the outbox relays of its services, the consumer error handling with retries
 * and dead letters, the dead-letter store and its admin API, and a producer that is idempotent and waits for all
 * replicas whatever the configuration says.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "dev.checkout.platform.core.PlatformCoreAutoConfiguration"})
@EnableKafka
@EnableConfigurationProperties(MessagingProperties.class)
@Import(DeadLetterController.class)
public class MessagingAutoConfiguration {

    /** Not a default to be overridden: losing or duplicating a message on a retried send would break every promise. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer reliableProducer() {
        return factory -> factory.updateConfigs(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5));
    }

    /** Every consumer's offsets only move forward: see {@link ForwardOnlyCommits} for the commit it drops. */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer forwardOnlyCommits() {
        return factory -> factory.addPostProcessor(ForwardOnlyCommits::wrap);
    }

    @Bean
    MessagingSupport messagingSupport(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json, Clock clock,
                                      MeterRegistry meters, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        // Without tracing on the classpath or configured, messages simply carry no trace context.
        MessageTracing tracing = tracer.getIfAvailable() != null && propagator.getIfAvailable() != null
                ? new MessageTracing(tracer.getObject(), propagator.getObject()) : MessageTracing.NONE;
        return new MessagingSupport(jdbc, transactions, json, clock, meters, tracing);
    }

    @Bean
    RelayConnections relayConnections(JdbcConnectionDetails database) {
        return new RelayConnections(database);
    }

    @Bean
    OutboxRelays outboxRelays(List<ServiceMessaging> services, MessagingSupport support, RelayConnections connections,
                              KafkaTemplate<String, String> kafka, MessagingProperties properties) {
        return new OutboxRelays(services, support, connections, kafka, properties);
    }

    @Bean
    MessagingHousekeeping messagingHousekeeping(List<ServiceMessaging> services, MessagingSupport support,
                                                MessagingProperties properties, LockProvider lockProvider) {
        return new MessagingHousekeeping(services, support, properties, lockProvider);
    }

    /**
     * The listeners of reactions ({@link ServiceMessaging#REACTIONS}): like every other listener, but each pauses for
     * {@code checkout.messaging.reaction-pause} between polls, so a busy topic's records gather and are handled in one
     * transaction rather than one by one as they arrive. A reaction follows its event that much later; the steps of a
     * saga, which someone waits for, use the default factory and never pause. One consumer per reaction's group takes
     * all its partitions: a second would halve every batch, and one handles a full poll (100 records) per pause.
     */
    @Bean(ServiceMessaging.REACTIONS)
    ConcurrentKafkaListenerContainerFactory<Object, Object> reactionListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
            MessagingProperties properties) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        factory.setConcurrency(1);
        factory.setContainerCustomizer(container -> container.getContainerProperties().setIdleBetweenPolls(properties.reactionPause().toMillis()));
        return factory;
    }

    @Bean
    DefaultErrorHandler consumerErrorHandler(KafkaTemplate<String, String> kafka, MessagingProperties properties) {
        return ConsumerFailures.errorHandler(kafka, properties);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> deadLetterStoreListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        factory.setBatchListener(false); // dead letters are few and stored one by one
        var backOff = new ExponentialBackOff(1000, 2.0);
        backOff.setMaxInterval(30_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }

    @Bean
    Topics topics(MessagingProperties properties) {
        return new Topics(properties);
    }

    @Bean
    MessagingMeters messagingMeters(List<ServiceMessaging> services, MessagingSupport support, MeterRegistry meters) {
        return new MessagingMeters(services, support, meters);
    }

    @Bean
    DeadLetters deadLetters(MessagingSupport support, KafkaTemplate<String, String> kafka) {
        return new DeadLetters(support, kafka);
    }
}
