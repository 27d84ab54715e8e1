package dev.checkout.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.checkout.platform.core.CorrelationId;
import dev.checkout.platform.core.CrashPoints;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.core.ServiceDescriptor;
import io.micrometer.core.instrument.Counter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.JacksonException;

/**
 * A service's door to Kafka: {@link #publish} writes to the outbox of the service's schema in the caller's
 * transaction, and {@link #receive} handles a consumed record exactly once in effect. Each service declares a
 * one-line subclass, so its components inject their own messaging by type and never another service's.
 */
public abstract class ServiceMessaging {

    /**
     * The container factory of listeners whose work is a reaction nobody waits for (an e-mail, a metric, a shipment, a
     * cart's conversion): {@code @KafkaListener(containerFactory = ServiceMessaging.REACTIONS)}. Their records are
     * gathered for a moment between polls and handled a batch at a time, which is what makes them cheap under load.
     */
    public static final String REACTIONS = "reactionListenerFactory";

    private static final Logger log = LoggerFactory.getLogger(ServiceMessaging.class);

    private final MessagingSupport support;
    private final ServiceDescriptor service;
    private final String insertOutbox;
    private final String insertProcessed;
    private final Counter processed;
    private final Counter duplicates;
    private final Counter ignored;

    protected ServiceMessaging(MessagingSupport support, ServiceDescriptor service) {
        this.support = support;
        this.service = service;
        this.insertOutbox = "insert into " + service.table("outbox")
                + " (event_id, topic, message_key, event_type, envelope, headers) values (:eventId, :topic, :key, :type, :envelope, :headers::jsonb)";
        this.insertProcessed = "insert into " + service.table("processed_messages")
                + " (consumer, event_id) select :consumer, unnest(:eventIds::text[]) on conflict do nothing returning event_id";
        this.processed = Counter.builder("checkout.messages.processed").tag("service", service.name()).register(support.meters);
        this.duplicates = Counter.builder("checkout.messages.duplicates").tag("service", service.name()).register(support.meters);
        this.ignored = Counter.builder("checkout.messages.ignored").tag("service", service.name())
                .description("messages of types no consumer of the service takes, dropped before any transaction").register(support.meters);
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
        // Written in one pass, with the payload record serialized in place (not first turned into a tree).
        Written envelope = new Written(
                Ids.newId("evt"),
                message.eventType(),
                message.sagaId(),
                message.orderId(),
                Instant.now(support.clock),
                correlationId,
                cause != null ? cause.eventId() : null,
                service.name(),
                1,
                message.payload());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("event_id", envelope.eventId());
        headers.put("event_type", envelope.eventType());
        headers.put(CorrelationId.KAFKA_HEADER, correlationId);
        headers.put("source", service.name());
        support.tracing.inject(headers);
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
     * Work handed to another thread (a gateway call, a group commit), to run there in this thread's trace and
     * correlation id, so what it publishes stays in the same trace as the message or request that caused it.
     */
    public Runnable inThisContext(Runnable work) {
        Runnable traced = support.tracing.carry(work);
        String correlationId = CorrelationId.current().orElse(null);
        if (correlationId == null) {
            return traced;
        }
        return () -> {
            try (var scope = CorrelationId.open(correlationId)) {
                traced.run();
            }
        };
    }

    /**
     * Handles a poll's records at most once in effect each, in one transaction: the records of processing (written
     * together in one statement) and every handler's changes, including what they publish, commit together, and the
     * container commits the offsets after. Records of a type {@code routes} does not take are dropped before the
     * transaction, by their {@code event_type} header. A redelivered message is skipped.
     * <p>
     * If the batch fails, it is rolled back and its records are handled again one transaction each, in order, up to the
     * first that fails; that one is reported to the container by its position, which commits the offsets before it and
     * retries it (1 s, 2 s, 4 s, then the DLQ) before the records after it, so every key keeps its order. (Savepoints
     * per record would spare the re-run, but every successful batch would pay a round trip for each, and more than 64
     * written savepoints in one transaction overflow PostgreSQL's subtransaction cache and slow every other session.)
     * While the database is down, the first record is reported with the outage and retried until it is back.
     *
     * @param consumer a name for the handling, unique within the service ({@code inventory-commands}); the same message
     *                 may be handled once by each consumer
     */
    public void receive(List<ConsumerRecord<String, String>> records, String consumer, MessageRoutes routes) {
        List<Received> wanted = new ArrayList<>(records.size());
        Received poison = null;
        for (ConsumerRecord<String, String> record : records) {
            String type = header(record, "event_type");
            if (type != null && !routes.handles(type)) {
                ignored.increment();
                continue;
            }
            InboundMessage message;
            try {
                message = parse(record);
            } catch (PoisonMessageException e) {
                poison = new Received(record, null, e);
                break; // handle what came before it; the container retries it, then dead-letters it
            }
            if (routes.concerns(message)) {
                wanted.add(new Received(record, message, null));
            } else {
                ignored.increment();
            }
        }
        if (!wanted.isEmpty()) {
            handleBatch(wanted, consumer, routes);
        }
        if (poison != null) {
            throw new BatchListenerFailedException(poison.failure().getMessage(), poison.failure(), poison.record());
        }
    }

    private void handleBatch(List<Received> batch, String consumer, MessageRoutes routes) {
        try {
            support.transactions.executeWithoutResult(status -> {
                Set<String> fresh = recordProcessed(consumer, batch);
                List<Received> toHandle = new ArrayList<>(batch.size());
                for (Received received : inKeyOrder(batch, received -> received.record().key())) {
                    if (fresh.remove(received.message().eventId())) {
                        toHandle.add(received);
                    } else {
                        duplicates.increment();
                    }
                }
                routes.prepare(toHandle.stream().map(Received::message).toList());
                int handled = 0;
                for (Received received : toHandle) {
                    handle(received, consumer, routes);
                    if (++handled == 1 && batch.size() > 1) {
                        CrashPoints.reach("consumer." + consumer + ".inside-batch");
                    }
                }
            });
        } catch (RuntimeException batchFailed) {
            if (ConsumerFailures.isOutage(batchFailed)) {
                throw new BatchListenerFailedException("the database is unavailable", batchFailed, batch.getFirst().record());
            }
            log.debug("a batch of {} for {} failed ({}); handling its records one at a time", batch.size(), consumer, batchFailed.toString());
            for (Received received : batch) {
                try {
                    support.transactions.executeWithoutResult(status -> {
                        if (recordProcessed(consumer, List.of(received)).isEmpty()) {
                            duplicates.increment();
                        } else {
                            handle(received, consumer, routes);
                        }
                    });
                } catch (RuntimeException failed) {
                    throw new BatchListenerFailedException(received.message() + " failed: " + failed.getMessage(), failed, received.record());
                }
            }
        }
    }

    /**
     * The batch sorted by message key, each key's records in their order (the sort is stable). Handlers lock the rows
     * their key names (cart's copy of a product, from catalog's events and from inventory's, in two listeners at once):
     * in poll order, two batches could take two such locks in opposite orders and deadlock, costing a second of
     * PostgreSQL's deadlock timeout and the batch's re-run. Only within the transaction: the one-at-a-time re-run keeps
     * poll order, as the offsets it commits need.
     */
    static <T> List<T> inKeyOrder(List<T> batch, Function<T, String> key) {
        List<T> sorted = new ArrayList<>(batch);
        sorted.sort(Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder())));
        return sorted;
    }

    private void handle(Received received, String consumer, MessageRoutes routes) {
        InboundMessage message = received.message();
        try (var trace = support.tracing.handle(received.record(), consumer);
             var scope = CorrelationId.open(message.envelope().correlationId() != null
                ? message.envelope().correlationId() : CorrelationId.generate())) {
            routes.dispatch(message);
            processed.increment();
        }
    }

    /** Records the messages as processed by {@code consumer}; returns the event ids that were not processed before. */
    private Set<String> recordProcessed(String consumer, List<Received> batch) {
        String[] eventIds = batch.stream().map(r -> r.message().eventId()).toArray(String[]::new);
        return new HashSet<>(support.jdbc.sql(insertProcessed)
                .param("consumer", consumer)
                .param("eventIds", eventIds)
                .query(String.class)
                .list());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** An {@link Envelope} as it is written: the same members, the payload still the record it is. */
    private record Written(String eventId, String eventType, String sagaId, String orderId, Instant occurredAt, String correlationId,
                           String causationId, String source, int schemaVersion, Object payload) {
    }

    private record Received(ConsumerRecord<String, String> record, InboundMessage message, RuntimeException failure) {
    }

    private InboundMessage parse(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new PoisonMessageException("empty message at " + record.topic() + "-" + record.partition() + "@" + record.offset());
        }
        try {
            Envelope envelope = support.json.readValue(record.value(), Envelope.class);
            if (envelope.eventId() == null || envelope.eventType() == null || envelope.payload() == null) {
                throw new PoisonMessageException("not an envelope (event_id, event_type and payload are required) at "
                        + record.topic() + "-" + record.partition() + "@" + record.offset());
            }
            return new InboundMessage(envelope, record.topic(), record.key(), support.json);
        } catch (JacksonException e) {
            throw new PoisonMessageException("not a readable envelope at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + ": " + e.getOriginalMessage(), e);
        }
    }
}
