package dev.checkout.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.checkout.platform.core.CrashPoints;
import dev.checkout.platform.core.ServiceDescriptor;
import io.micrometer.core.instrument.Counter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import tools.jackson.core.type.TypeReference;

/**
 * Publishes one schema's outbox to Kafka.
 * <p>
 * Each round is one transaction that first takes a transaction-scoped PostgreSQL advisory lock for the schema: the
 * relay of one instance works while those of the others stand by, because two relays at once would interleave rows
 * of one key and reorder them. Rows are read in id order and sent through an idempotent producer, which keeps their
 * order per partition; only rows Kafka acknowledged are marked published. A crash before the mark means those rows
 * are sent again on the next round (consumers skip duplicates by event id); rows that commit late with a lower id
 * are simply picked up by a later round, because progress is tracked per row, never by a high-water mark.
 */
final class OutboxRelay implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_FAILURE_BACKOFF = Duration.ofSeconds(10);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final ServiceDescriptor service;
    private final MessagingSupport support;
    private final KafkaTemplate<String, String> kafka;
    private final MessagingProperties properties;
    private final RelaySignal signal;
    private final long lockKey;
    private final String selectUnpublished;
    private final String markPublished;
    private final Counter published;
    private volatile boolean running = true;
    private volatile Thread thread;

    OutboxRelay(ServiceDescriptor service, MessagingSupport support, KafkaTemplate<String, String> kafka, MessagingProperties properties) {
        this.service = service;
        this.support = support;
        this.kafka = kafka;
        this.properties = properties;
        this.signal = support.signal(service.schema());
        this.lockKey = lockKey(service.schema());
        this.selectUnpublished = "select id, event_id, topic, message_key, envelope, headers::text as headers from "
                + service.table("outbox") + " where published_at is null order by id limit :limit";
        this.markPublished = "update " + service.table("outbox") + " set published_at = now() where id = any(:ids)";
        this.published = Counter.builder("checkout.outbox.published").tag("service", service.name()).register(support.meters);
    }

    /** The advisory-lock key of a schema's relay: stable across processes and versions. */
    static long lockKey(String schema) {
        long hash = 1125899906842597L;
        for (byte b : ("outbox-relay:" + schema).getBytes(StandardCharsets.UTF_8)) {
            hash = 31 * hash + b;
        }
        return hash;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                Round round = relayOnce();
                if (round == Round.FAILED) {
                    backoff = nextBackoff(backoff);
                    sleep(backoff);
                } else {
                    backoff = Duration.ZERO;
                    if (!round.more()) {
                        signal.await(properties.relayPollInterval());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                backoff = nextBackoff(backoff);
                log.warn("outbox relay of {} failed; retrying in {} ms: {}", service.schema(), backoff.toMillis(), e.toString());
                sleep(backoff);
            }
        }
    }

    void stop() {
        running = false;
        signal.wakeUp();
        Thread current = thread;
        if (current != null) {
            try {
                current.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One round: publishes up to a batch of unpublished rows if this instance holds the schema's relay lock. */
    Round relayOnce() {
        return support.transactions.execute(status -> {
            Boolean leader = support.jdbc.sql("select pg_try_advisory_xact_lock(:key)").param("key", lockKey)
                    .query(Boolean.class).single();
            if (!Boolean.TRUE.equals(leader)) {
                return Round.STANDING_BY;
            }
            List<Row> rows = support.jdbc.sql(selectUnpublished).param("limit", properties.relayBatchSize())
                    .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("event_id"), rs.getString("topic"),
                            rs.getString("message_key"), rs.getString("envelope"), rs.getString("headers")))
                    .list();
            if (rows.isEmpty()) {
                return Round.NOTHING_TO_DO;
            }
            CrashPoints.reach("relay.before-publish");
            List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(rows.size());
            for (Row row : rows) {
                sends.add(kafka.send(record(row)));
            }
            kafka.flush();
            List<Long> acknowledged = new ArrayList<>(rows.size());
            Exception failure = null;
            for (int i = 0; i < rows.size(); i++) {
                try {
                    sends.get(i).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    acknowledged.add(rows.get(i).id());
                } catch (ExecutionException | TimeoutException e) {
                    failure = e;
                    break; // later rows may share a key: mark none of them, so the next round sends them after this one
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = e;
                    break;
                }
            }
            CrashPoints.reach("relay.after-publish");
            if (!acknowledged.isEmpty()) {
                support.jdbc.sql(markPublished).param("ids", acknowledged.toArray(Long[]::new)).update();
                published.increment(acknowledged.size());
            }
            if (failure != null) {
                log.warn("outbox relay of {}: Kafka acknowledged {} of {} messages; the rest go in a later round: {}",
                        service.schema(), acknowledged.size(), rows.size(), failure.toString());
                return Round.FAILED;
            }
            return rows.size() == properties.relayBatchSize() ? Round.MORE : Round.DONE;
        });
    }

    private ProducerRecord<String, String> record(Row row) {
        var record = new ProducerRecord<String, String>(row.topic(), row.key(), row.envelope());
        Map<String, String> headers = support.json.readValue(row.headers(), HEADERS);
        headers.forEach((name, value) -> record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        return record;
    }

    private static Duration nextBackoff(Duration previous) {
        Duration next = previous.isZero() ? Duration.ofMillis(200) : previous.multipliedBy(2);
        return next.compareTo(MAX_FAILURE_BACKOFF) <= 0 ? next : MAX_FAILURE_BACKOFF;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Row(long id, String eventId, String topic, String key, String envelope, String headers) {
    }

    enum Round {
        STANDING_BY(false), NOTHING_TO_DO(false), DONE(false), MORE(true), FAILED(false);

        private final boolean more;

        Round(boolean more) {
            this.more = more;
        }

        boolean more() {
            return more;
        }
    }
}
