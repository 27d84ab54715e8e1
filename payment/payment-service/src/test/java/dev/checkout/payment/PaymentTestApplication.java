package dev.checkout.payment;

import dev.checkout.order.api.OrderTopics;
import dev.checkout.platform.messaging.Topics;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;

/** The payment service alone, on the platform, as its integration tests boot it. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(PaymentServiceConfiguration.class)
class PaymentTestApplication {

    /** The order service owns its events' topic; without it here, the tests that play its part could not publish. */
    @Bean
    KafkaAdmin.NewTopics orderEventsForTheseTests(Topics topics) {
        return topics.declare(OrderTopics.EVENTS);
    }
}
