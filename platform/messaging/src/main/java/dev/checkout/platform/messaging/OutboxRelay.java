package dev.checkout.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.checkout.platform.core.Backoff;
import dev.checkout.platform.core.CrashPoints;
import dev.checkout.platform.core.ServiceDescriptor;
import io.micrometer.core.instrument.Counter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import tools.jackson.core.type.TypeReference;

/**
 * Publishes one schema's outbox to Kafka.
 * <p>
 * The relay of one instance works while those of the others stand by, because two relays at once would interleave
 * rows of one key and reorder them: the leader is whoever holds the schema's session-level PostgreSQL advisory lock,
 * on a connection of its own that it keeps (a lost connection gives the lock up, and another relay takes over). No
 * transaction stays open while Kafka acknowledges: each round reads a batch in id order, sends it through an idempotent
 * producer (which keeps the order per partition) and waits for the acknowledgements. The acknowledged rows are marked
 * published together, at most {@code checkout.messaging.relay-mark-delay} after the first of them, in the statement
 * that reads the next batch: under load a round is one statement and a mark covers many rounds, where a mark per round
 * cost a written commit per round (about three of the eleven an order cost). Until then this relay remembers them and
 * reads past them. A crash before the mark means those rows are sent again by the next leader (consumers skip
 * duplicates by event id); rows that commit late with a lower id are simply picked up by a later round, because
 * progress is tracked per row, never by a high-water mark.
 */
final class OutboxRelay implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Backoff AFTER_FAILURE = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final ServiceDescriptor service;
    private final MessagingSupport support;
    private final RelayConnections connections;
    private final KafkaTemplate<String, String> kafka;
    private final MessagingProperties properties;
    private final RelaySignal signal;
    private final long lockKey;
    private final String selectUnpublished;
    private final String markAndSelectUnpublished;
    private final String markPublished;
    private final long markDelayNanos;
    private final Counter published;
    private volatile boolean running = true;
    private volatile Thread thread;
    /** The connection holding the schema's relay lock while this relay leads (or waiting to take it); null when lost. */
    private Connection connection;
    private JdbcClient jdbc;
    private boolean leading;
    /** Rows Kafka acknowledged that are not marked published yet (the leader's own memory: lost with the lead). */
    private final List<Long> sent = new ArrayList<>();
    private long firstSentAt;

    OutboxRelay(ServiceDescriptor service, MessagingSupport support, RelayConnections connections, KafkaTemplate<String, String> kafka,
                MessagingProperties properties) {
        this.service = service;
        this.support = support;
        this.connections = connections;
        this.kafka = kafka;
        this.properties = properties;
        this.signal = support.signal(service.schema());
        this.lockKey = lockKey(service.schema());
        String outbox = service.table("outbox");
        this.selectUnpublished = "select id, event_id, topic, message_key, envelope, headers::text as headers from "
                + outbox + " where published_at is null and id <> all(:sent) order by id limit :limit";
        this.markPublished = "update " + outbox + " set published_at = now() where id = any(:sent)";
        // The update runs whether or not the select reads it; the select sees the rows as they were before it.
        this.markAndSelectUnpublished = "with marked as (" + markPublished + ") " + selectUnpublished;
        this.markDelayNanos = properties.relayMarkDelay().toNanos();
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
        int failures = 0;
        boolean woken = false;
        try {
            while (running) {
                try {
                    Round round = relayOnce();
                    if (round == Round.STANDING_BY && woken) {
                        passOnWakeUp();
                    }
                    woken = false;
                    if (round == Round.FAILED) {
                        sleep(AFTER_FAILURE.after(++failures));
                    } else {
                        failures = 0;
                        if (!round.more()) {
                            woken = signal.await(untilNextRound());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    letGo();
                    Duration backoff = AFTER_FAILURE.after(++failures);
                    log.warn("outbox relay of {} failed; retrying in {} ms: {}", service.schema(), backoff.toMillis(), e.toString());
                    sleep(backoff);
                }
            }
        } finally {
            markSentBeforeStopping();
            letGo();
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

    /** One round: publishes up to a batch of unpublished rows if this relay leads the schema's publication. */
    Round relayOnce() {
        if (!lead()) {
            return Round.STANDING_BY;
        }
        boolean marking = markDue();
        List<Row> rows = jdbc.sql(marking ? markAndSelectUnpublished : selectUnpublished)
                .param("sent", sent.toArray(Long[]::new))
                .param("limit", properties.relayBatchSize())
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("event_id"), rs.getString("topic"),
                        rs.getString("message_key"), rs.getString("envelope"), rs.getString("headers")))
                .list();
        if (marking) {
            sent.clear();
        }
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
            if (sent.isEmpty()) {
                firstSentAt = System.nanoTime();
            }
            sent.addAll(acknowledged);
            published.increment(acknowledged.size());
        }
        if (failure != null) {
            log.warn("outbox relay of {}: Kafka acknowledged {} of {} messages; the rest go in a later round: {}",
                    service.schema(), acknowledged.size(), rows.size(), failure.toString());
            return Round.FAILED;
        }
        return rows.size() == properties.relayBatchSize() ? Round.MORE : Round.DONE;
    }

    /** Whether the acknowledged rows are to be marked in this round: the first has waited long enough, or they are many. */
    private boolean markDue() {
        return !sent.isEmpty() && (sent.size() >= properties.relayBatchSize() || System.nanoTime() - firstSentAt >= markDelayNanos);
    }

    /** How long an idle relay waits for a wake-up: until its next poll, or until its acknowledged rows are due to be marked. */
    private Duration untilNextRound() {
        if (sent.isEmpty()) {
            return properties.relayPollInterval();
        }
        long untilMark = Math.max(1, TimeUnit.NANOSECONDS.toMillis(firstSentAt + markDelayNanos - System.nanoTime()));
        return Duration.ofMillis(Math.min(untilMark, properties.relayPollInterval().toMillis()));
    }

    /** A relay that stops leaves no acknowledged row unmarked if it can help it: the next leader would send it again. */
    private void markSentBeforeStopping() {
        if (!leading || sent.isEmpty()) {
            return;
        }
        try {
            jdbc.sql(markPublished).param("sent", sent.toArray(Long[]::new)).update();
        } catch (RuntimeException e) {
            log.debug("outbox relay of {} could not mark {} sent rows before stopping; they will be sent again: {}",
                    service.schema(), sent.size(), e.toString());
        }
    }

    /**
     * Rows this process committed wait for the leader, which runs elsewhere: wake it ({@link RelayWakeUps}) rather
     * than leave them to its next poll.
     */
    private void passOnWakeUp() {
        jdbc.sql(RelayWakeUps.notifySql()).param(service.schema()).query().listOfRows();
    }

    /**
     * Whether this relay holds the schema's relay lock, taking it if it is free. The lock lives as long as the
     * connection's session, so a relay that dies (or loses its connection) lets another take over.
     */
    private boolean lead() {
        if (leading) {
            return true;
        }
        if (connection == null) {
            connection = connections.open();
            jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
        }
        leading = Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_lock(:key)").param("key", lockKey).query(Boolean.class).single());
        if (leading) {
            log.debug("outbox relay of {} leads", service.schema());
        }
        return leading;
    }

    /**
     * Ends the session, and with it the lock: after an error its state is unknown, and on stop it must go. (Tests that
     * run rounds themselves end with it.)
     */
    void letGo() {
        leading = false;
        sent.clear(); // unmarked, so sent again by whoever leads next
        jdbc = null;
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // the session is gone either way
            }
        }
    }

    private ProducerRecord<String, String> record(Row row) {
        var record = new ProducerRecord<String, String>(row.topic(), row.key(), row.envelope());
        Map<String, String> headers = support.json.readValue(row.headers(), HEADERS);
        headers.forEach((name, value) -> record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        return record;
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
