package dev.checkout.platform.messaging;

import java.time.Duration;
import java.util.UUID;

import dev.checkout.platform.messaging.MessagingTestApplication.Ping;
import dev.checkout.platform.messaging.MessagingTestApplication.TestMessaging;
import dev.checkout.platform.testing.CheckoutIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An idle relay waits for a wake-up rather than polling often: with its poll an hour apart here, every row below can
 * only be published because something woke the relay, its own process or another through PostgreSQL.
 */
@CheckoutIntegrationTest(classes = MessagingTestApplication.class, properties = "checkout.messaging.relay-poll-interval=1h")
class RelayWakeUpIT {

    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    @Autowired TestMessaging messaging;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcClient jdbc;
    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired MessagingSupport support;
    @Autowired RelayConnections relayConnections;
    @Autowired MessagingProperties properties;

    @Test
    void aRowThisProcessCommitsIsPublishedAtOnce() {
        String eventId = transactions.execute(status -> messaging.publish(
                OutgoingMessage.of(MessagingTestApplication.TOPIC, "local-" + UUID.randomUUID(), new Ping("local", 1))));

        Awaitility.await().atMost(PROMPTLY).until(() -> published(eventId));
    }

    @Test
    void aRowAnotherProcessCommitsIsPublishedWhenThatProcessNotifies() {
        String eventId = "evt-" + UUID.randomUUID();
        // As another process's writer would leave it: committed here without waking this process's relay. A Pong, which
        // the test consumer drops unread.
        jdbc.sql("insert into messaging_test.outbox (event_id, topic, message_key, event_type, envelope, headers)"
                        + " values (?, ?, ?, 'Pong', '{}', ?::jsonb)")
                .params(eventId, MessagingTestApplication.TOPIC, "remote-" + eventId,
                        "{\"event_id\": \"" + eventId + "\", \"event_type\": \"Pong\"}")
                .update();
        jdbc.sql(RelayWakeUps.notifySql()).param("messaging_test").query().listOfRows();

        Awaitility.await().atMost(PROMPTLY).until(() -> published(eventId));
    }

    @Test
    void rowsCommittedWhereARelayStandsByArePassedOnToTheLeader() throws Exception {
        // A second relay of the same schema stands by in this process and shares its wake-ups with the leader: every
        // wake-up it takes it must pass on, or the row would wait for the hour's poll.
        OutboxRelay standingBy = new OutboxRelay(MessagingTestApplication.SERVICE, support, relayConnections, kafka, properties);
        Thread thread = Thread.ofPlatform().name("standing-by-relay").start(standingBy);
        try {
            for (int round = 0; round < 10; round++) {
                int sequence = round;
                String eventId = transactions.execute(status -> messaging.publish(
                        OutgoingMessage.of(MessagingTestApplication.TOPIC, "standby-" + UUID.randomUUID(), new Ping("standby", sequence))));

                Awaitility.await().atMost(PROMPTLY).until(() -> published(eventId));
            }
        } finally {
            standingBy.stop();
            thread.join(Duration.ofSeconds(15));
        }
    }

    private boolean published(String eventId) {
        return Boolean.TRUE.equals(jdbc.sql("select published_at is not null from messaging_test.outbox where event_id = ?")
                .param(eventId).query(Boolean.class).optional().orElse(false));
    }
}
