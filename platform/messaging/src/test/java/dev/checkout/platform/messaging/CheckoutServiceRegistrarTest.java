package dev.checkout.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.checkout.platform.core.ServiceDescriptor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.kafka.core.KafkaAdmin;

/** What one {@link CheckoutService} annotation registers, in a bare application context. */
class CheckoutServiceRegistrarTest {

    private static final ServiceDescriptor PARCELS = new ServiceDescriptor("parcel-service", "parcels");

    @CheckoutService(name = "parcel-service", schema = "parcels", topics = {"parcel-commands", "parcel-events"},
            messaging = ParcelMessaging.class)
    static class ParcelServiceConfiguration {
    }

    static class ParcelMessaging extends ServiceMessaging {
        ParcelMessaging(MessagingSupport support, ServiceDescriptor service) {
            super(support, service);
        }
    }

    @CheckoutService(name = "quiet-service", schema = "quiet")
    static class QuietServiceConfiguration {
    }

    @Test
    void aServiceGetsItsDescriptorItsTopicsWithTheirDeadLettersAndItsOwnMessaging() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(MessagingSupport.class, () -> new MessagingSupport(null, null, null, Clock.systemUTC(),
                    new SimpleMeterRegistry(), MessageTracing.NONE));
            context.registerBean(Topics.class, () -> new Topics(new MessagingProperties(3, Duration.ofMillis(250), 200, Duration.ofMillis(100),
                    Duration.ofHours(1), Duration.ofDays(7), List.of(Duration.ofSeconds(1)), Duration.ofSeconds(10), Duration.ofMillis(200))));
            context.register(ParcelServiceConfiguration.class, QuietServiceConfiguration.class);
            context.refresh();

            assertThat(context.getBeansOfType(ServiceDescriptor.class).values())
                    .containsExactlyInAnyOrder(PARCELS, new ServiceDescriptor("quiet-service", "quiet"));
            assertThat(context.getBean(ParcelMessaging.class).service()).isEqualTo(PARCELS);
            assertThat(context.getBeansOfType(ServiceMessaging.class)).hasSize(1);
            assertThat(context.getBean(KafkaAdmin.NewTopics.class))
                    .extracting("newTopics", InstanceOfAssertFactories.collection(NewTopic.class)).extracting(NewTopic::name)
                    .containsExactly("parcel-commands", "parcel-commands.DLQ", "parcel-events", "parcel-events.DLQ");
        }
    }
}
