package dev.checkout.platform.messaging;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the topics a service owns, each with its {@code .DLQ}, with the configured partition count. The owner of a
 * topic is the service that defines it in its {@code *-api} module: the receiver for commands, the publisher for
 * replies and events.
 */
public class Topics {

    private final MessagingProperties properties;

    Topics(MessagingProperties properties) {
        this.properties = properties;
    }

    public KafkaAdmin.NewTopics declare(String... names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(TopicBuilder.name(name).partitions(properties.partitions()).replicas(1).build());
            topics.add(TopicBuilder.name(name + ConsumerFailures.DLQ_SUFFIX).partitions(properties.partitions()).replicas(1).build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
