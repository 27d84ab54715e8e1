package dev.checkout.platform.messaging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.checkout.platform.core.CorrelationId;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.core.ServiceDescriptor;
import io.micrometer.core.instrument.Counter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A service's door to Kafka: {@link #publish} writes to the outbox of the service's schema in the caller's
 * transaction, and {@link #receive} handles a consumed record exactly once in effect. Each service declares a
 * one-line subclass, so its components inject their own messaging by type and never another service's.
 */
public abstract class ServiceMessaging {

    private static final Logger log = LoggerFactory.getLogger(ServiceMessaging.class);

    private final MessagingSupport support;
    private final ServiceDescriptor service;
    private final String insertOutbox;
    private final String insertProcessed;
    private final Counter processed;
    private final Counter duplicates;

    protected ServiceMessaging(MessagingSupport support, ServiceDescriptor service) {
        this.support = support;
        this.service = service;
        this.insertOutbox = "insert into " + service.table("outbox")
                + " (event_id, topic, message_key, event_type, envelope, headers) values (:eventId, :topic, :key, :type, :envelope, :headers::jsonb)";
        this.insertProcessed = "insert into " + service.table("processed_messages")
                + " (consumer, event_id) values (:consumer, :eventId) on conflict do nothing";
        this.processed = Counter.builder("checkout.messages.processed").tag("service", service.name()).register(support.meters);
        this.duplicates = Counter.builder("checkout.messages.duplicates").tag("service", service.name()).register(support.meters);
    }

    public ServiceDescriptor service() {
        return service;
    }

    /**
     * Adds the message to this service's outbox. Must run inside the transaction that makes the change the message
     * announces: both commit, or neither.
     *
     * @return the event id of the message
     */
    public String publish(OutgoingMessage message) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("publish() must run inside the transaction of the change it announces");
        }
        Envelope cause = message.cause();
        String correlationId = cause != null && cause.correlationId() != null ? cause.correlationId()
                : CorrelationId.current().orElseGet(CorrelationId::generate);
        Envelope envelope = new Envelope(
                Ids.newId("evt"),
                message.eventType(),
                message.sagaId(),
                message.orderId(),
                Instant.now(support.clock),
                correlationId,
                cause != null ? cause.eventId() : null,
                service.name(),
                1,
                support.json.valueToTree(message.payload()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("event_id", envelope.eventId());
        headers.put("event_type", envelope.eventType());
        headers.put(CorrelationId.KAFKA_HEADER, correlationId);
        headers.put("source", service.name());
        support.jdbc.sql(insertOutbox)
                .param("eventId", envelope.eventId())
                .param("topic", message.topic())
                .param("key", message.key())
                .param("type", envelope.eventType())
                .param("envelope", support.json.writeValueAsString(envelope))
                .param("headers", support.json.writeValueAsString(headers))
                .update();
        RelaySignal signal = support.signal(service.schema());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                signal.wakeUp();
            }
        });
        return envelope.eventId();
    }

    /**
     * Handles a consumed record at most once in effect: the record of processing and the handler's changes (including
     * anything it publishes) commit in one transaction. A redelivered message is skipped. The message's correlation id
     * is in the logging context while the handler runs.
     *
     * @param consumer a name for the handling, unique within the service ({@code inventory-commands}); the same message
     *                 may be handled once by each consumer
     */
    public void receive(ConsumerRecord<String, String> record, String consumer, MessageHandler handler) {
        InboundMessage message = parse(record);
        try (var scope = CorrelationId.open(message.envelope().correlationId() != null
                ? message.envelope().correlationId() : CorrelationId.generate())) {
            support.transactions.executeWithoutResult(status -> {
                int inserted = support.jdbc.sql(insertProcessed)
                        .param("consumer", consumer)
                        .param("eventId", message.eventId())
                        .update();
                if (inserted == 0) {
                    duplicates.increment();
                    log.debug("{} already processed by {}; skipped", message, consumer);
                    return;
                }
                handler.handle(message);
                processed.increment();
            });
        }
    }

    private InboundMessage parse(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new PoisonMessageException("empty message at " + record.topic() + "-" + record.partition() + "@" + record.offset());
        }
        try {
            JsonNode tree = support.json.readTree(record.value());
            Envelope envelope = support.json.treeToValue(tree, Envelope.class);
            if (envelope.eventId() == null || envelope.eventType() == null || envelope.payload() == null) {
                throw new PoisonMessageException("not an envelope (event_id, event_type and payload are required) at "
                        + record.topic() + "-" + record.partition() + "@" + record.offset());
            }
            return new InboundMessage(envelope, record.topic(), record.key(), support.json);
        } catch (JacksonException e) {
            throw new PoisonMessageException("not JSON at " + record.topic() + "-" + record.partition() + "@" + record.offset(), e);
        }
    }
}
