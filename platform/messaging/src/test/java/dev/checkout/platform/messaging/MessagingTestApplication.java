package dev.checkout.platform.messaging;

import java.util.List;
import dev.checkout.platform.web.AccountStatuses;
import dev.checkout.platform.web.SecurityProperties;
import dev.checkout.platform.web.SigningKeys;
import dev.checkout.platform.web.TokenIssuer;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.checkout.platform.contracts.MessageType;
import dev.checkout.platform.core.CorrelationId;
import dev.checkout.platform.core.ServiceDescriptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A one-service process for testing the backbone itself: it publishes pings and records what it consumes. */
@SpringBootConfiguration
@EnableAutoConfiguration
@CheckoutService(name = "messaging-test", schema = "messaging_test", topics = {MessagingTestApplication.TOPIC, MessagingTestApplication.REACTION_TOPIC},
        messaging = MessagingTestApplication.TestMessaging.class)
class MessagingTestApplication {

    /** Tokens as identity would sign them; this test process does not run identity, so it makes its own key. */
    @Bean
    TokenIssuer testTokenIssuer(SecurityProperties properties, java.time.Clock clock) {
        return new TokenIssuer(SigningKeys.generate(), properties, clock);
    }

    /** Without identity here, every user of the tests' tokens counts as active. */
    @Bean
    AccountStatuses everyAccountActive() {
        return userId -> true;
    }

    static final ServiceDescriptor SERVICE = new ServiceDescriptor("messaging-test", "messaging_test");
    static final String TOPIC = "messaging-test-pings";
    /** Pings for {@link Reaction}, on a topic of their own so its dead letters and records of processing stay apart. */
    static final String REACTION_TOPIC = "messaging-test-reaction-pings";

    /** A payload. {@code text} "poison" makes the consumer fail while {@link Consumer#refusePoison} is set. */
    @MessageType("Ping")
    record Ping(String text, int sequence) {
    }

    /** A payload on the same topic that the consumer takes no interest in. */
    @MessageType("Pong")
    record Pong(String text) {
    }

    static class TestMessaging extends ServiceMessaging {
        TestMessaging(MessagingSupport support, ServiceDescriptor service) {
            super(support, service);
        }
    }

    @Component
    static class Consumer {
        static final AtomicBoolean refusePoison = new AtomicBoolean(true);

        private final TestMessaging messaging;
        private final JdbcClient jdbc;

        Consumer(TestMessaging messaging, JdbcClient jdbc) {
            this.messaging = messaging;
            this.jdbc = jdbc;
        }

        private final MessageRoutes routes = MessageRoutes.builder().on(Ping.class, this::on).build();

        @KafkaListener(id = "messaging-test-consumer", groupId = "messaging-test", topics = TOPIC)
        void on(List<ConsumerRecord<String, String>> records) {
            messaging.receive(records, "pings", routes);
        }

        private void on(Ping ping, InboundMessage message) {
            if ("poison".equals(ping.text()) && refusePoison.get()) {
                throw new IllegalStateException("this ping is poison");
            }
            jdbc.sql("insert into messaging_test.effects (event_id, message_key, text, sequence, correlation_id) values (?, ?, ?, ?, ?)")
                    .params(message.eventId(), message.key(), ping.text(), ping.sequence(), CorrelationId.current().orElse(null))
                    .update();
        }
    }

    /** Pings taken by a listener of reactions: it remembers the event ids it handled. */
    @Component
    static class Reaction {
        static final String LISTENER = "messaging-test-reaction";
        static final java.util.Set<String> handled = java.util.concurrent.ConcurrentHashMap.newKeySet();

        private final TestMessaging messaging;
        private final MessageRoutes routes = MessageRoutes.builder().on(Ping.class, (ping, message) -> handled.add(message.eventId())).build();

        Reaction(TestMessaging messaging) {
            this.messaging = messaging;
        }

        @KafkaListener(id = LISTENER, groupId = "messaging-test-reaction", topics = REACTION_TOPIC, containerFactory = ServiceMessaging.REACTIONS)
        void on(List<ConsumerRecord<String, String>> records) {
            messaging.receive(records, "ping-reactions", routes);
        }
    }
}
