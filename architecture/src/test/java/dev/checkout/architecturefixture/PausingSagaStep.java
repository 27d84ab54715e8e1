package dev.checkout.architecturefixture;

import java.util.List;

import dev.checkout.platform.messaging.ServiceMessaging;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** A deliberate violation for the architecture test: the inventory's commands, a saga step, handled as a reaction. */
public final class PausingSagaStep {

    @KafkaListener(id = "planted-inventory-commands", topics = "inventory-commands", containerFactory = ServiceMessaging.REACTIONS)
    void on(List<ConsumerRecord<String, String>> records) {
    }
}
