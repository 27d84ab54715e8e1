package dev.checkout.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.checkout.platform.core.Ids;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Keeps a readable record of every dead-lettered message (read back from the {@code <topic>.DLQ} topics) in the
 * platform schema, and replays one to its original topic on an admin's request.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final MessagingSupport support;
    private final KafkaTemplate<String, String> kafka;

    DeadLetters(MessagingSupport support, KafkaTemplate<String, String> kafka) {
        this.support = support;
        this.kafka = kafka;
    }

    /** Its own container factory: a failure to store a dead letter is retried, never dead-lettered again. */
    @KafkaListener(id = "dead-letter-store", groupId = "dead-letter-store", topicPattern = ".*\\.DLQ",
            containerFactory = "deadLetterStoreListenerFactory", properties = "metadata.max.age.ms=5000")
    void store(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), readable(header));
        }
        String originalTopic = headers.getOrDefault(KafkaHeaders.DLT_ORIGINAL_TOPIC,
                record.topic().substring(0, record.topic().length() - ConsumerFailures.DLQ_SUFFIX.length()));
        String error = headers.getOrDefault(KafkaHeaders.DLT_EXCEPTION_MESSAGE, headers.get(KafkaHeaders.DLT_EXCEPTION_FQCN));
        String value = record.value() == null ? "" : storable(record.value());
        String eventId = headers.get("event_id");
        String eventType = headers.get("event_type");
        support.jdbc.sql("""
                        insert into platform.dead_letters (id, dlq_topic, dlq_partition, dlq_offset, original_topic, message_key,
                            event_id, event_type, payload, headers, error)
                        values (:id, :topic, :partition, :offset, :originalTopic, :key, :eventId, :eventType, :payload, :headers::jsonb, :error)
                        on conflict (dlq_topic, dlq_partition, dlq_offset) do nothing""")
                .param("id", Ids.newId("dlq"))
                .param("topic", record.topic())
                .param("partition", record.partition())
                .param("offset", record.offset())
                .param("originalTopic", originalTopic)
                .param("key", record.key() == null ? null : storable(record.key()))
                .param("eventId", eventId)
                .param("eventType", eventType)
                .param("payload", value)
                .param("headers", support.json.writeValueAsString(headers))
                .param("error", error == null ? null : storable(error))
                .update();
        log.warn("dead letter from {}: {} {} ({})", originalTopic, eventType, eventId, error);
    }

    public List<DeadLetter> list(String topic, int page, int limit) {
        return support.jdbc.sql("""
                        select * from platform.dead_letters where (:topic::text is null or original_topic = :topic)
                        order by received_at desc, id limit :limit offset :offset""")
                .param("topic", topic).param("limit", limit).param("offset", (page - 1) * limit)
                .query((rs, n) -> new DeadLetter(rs.getString("id"), rs.getString("original_topic"), rs.getString("dlq_topic"),
                        rs.getString("message_key"), rs.getString("event_id"), rs.getString("event_type"), rs.getString("error"),
                        rs.getTimestamp("received_at").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("replayed_at")).map(Timestamp::toInstant).orElse(null),
                        rs.getInt("replay_count"), readTree(rs.getString("payload"))))
                .list();
    }

    public long count(String topic) {
        return support.jdbc.sql("select count(*) from platform.dead_letters where (:topic::text is null or original_topic = :topic)")
                .param("topic", topic).query(Long.class).single();
    }

    /** Publishes the message again to its original topic, unchanged but for a header naming the replay. */
    public Optional<Instant> replay(String id) {
        var row = support.jdbc.sql("select original_topic, message_key, payload, headers::text as headers from platform.dead_letters where id = :id")
                .param("id", id)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Object[] values = row.get();
        var record = new ProducerRecord<>((String) values[0], (String) values[1], (String) values[2]);
        support.json.readValue((String) values[3], HEADERS).forEach((name, value) -> {
            if (!name.startsWith("kafka_dlt") && value != null) {
                record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
            }
        });
        record.headers().add(new RecordHeader("replayed_dead_letter", id.getBytes(StandardCharsets.UTF_8)));
        try {
            kafka.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not accept the replay of " + id, e);
        }
        Instant now = support.clock.instant();
        support.jdbc.sql("update platform.dead_letters set replayed_at = :now, replay_count = replay_count + 1 where id = :id")
                .param("now", Timestamp.from(now)).param("id", id).update();
        log.info("replayed dead letter {} to {}", id, values[0]);
        return Optional.of(now);
    }

    /**
     * Text PostgreSQL can keep: a poison message may carry NUL characters, which no text column takes, and a dead letter
     * that cannot be stored would hold up every one behind it on its partition. They become U+FFFD (a replay then sends
     * that; a message with NULs in it could never be handled anyway).
     */
    static String storable(String text) {
        return text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    /**
     * Header values as text. The DLQ publisher writes some headers as binary numbers (original partition, offset,
     * timestamp); those are decoded, anything else that is not plain text is kept as base64.
     */
    static String readable(Header header) {
        byte[] value = header.value();
        if (value == null) {
            return null;
        }
        String key = header.key();
        if ((key.endsWith("-partition") && value.length == 4)) {
            return Integer.toString(java.nio.ByteBuffer.wrap(value).getInt());
        }
        if ((key.endsWith("-offset") || key.endsWith("-timestamp")) && value.length == 8) {
            return Long.toString(java.nio.ByteBuffer.wrap(value).getLong());
        }
        String text = new String(value, StandardCharsets.UTF_8);
        boolean plain = java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), value)
                && text.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t');
        return plain ? text : "base64:" + java.util.Base64.getEncoder().encodeToString(value);
    }

    private JsonNode readTree(String payload) {
        try {
            return support.json.readTree(payload);
        } catch (RuntimeException notJson) {
            return support.json.getNodeFactory().textNode(payload);
        }
    }

    public record DeadLetter(String id, String topic, String dlqTopic, String key, String eventId, String eventType,
                             String error, Instant receivedAt, Instant replayedAt, int replayCount, JsonNode payload) {
    }
}
