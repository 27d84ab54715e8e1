package dev.checkout.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.checkout.platform.core.CorrelationId;
import dev.checkout.platform.core.ServiceDescriptor;
import dev.checkout.platform.messaging.MessagingTestApplication.Ping;
import dev.checkout.platform.messaging.MessagingTestApplication.TestMessaging;
import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import dev.checkout.platform.testing.CheckoutIntegrationTest;
import dev.checkout.platform.testing.SharedServers;
import dev.checkout.platform.testing.TopicDump;
import dev.checkout.platform.web.TokenIssuer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@CheckoutIntegrationTest(classes = MessagingTestApplication.class, properties = {
        "checkout.messaging.retry-backoffs=100ms,200ms,400ms"})
class MessagingBackboneIT {

    @Autowired TestMessaging messaging;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcClient jdbc;
    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired ProducerFactory<String, String> producers;
    @Autowired MessagingSupport support;
    @Autowired RelayConnections relayConnections;
    @Autowired MessagingProperties properties;
    @Autowired JsonMapper json;
    @Autowired TokenIssuer tokens;
    @Autowired KafkaListenerEndpointRegistry listeners;
    @LocalServerPort int port;

    @Test
    void aMessagePublishedInATransactionReachesItsTopicWithItsEnvelopeAndHeaders() {
        String key = "key-" + UUID.randomUUID();
        String eventId;
        try (var correlation = CorrelationId.open("corr-" + key)) {
            eventId = transactions.execute(status -> messaging.publish(OutgoingMessage.of(MessagingTestApplication.TOPIC, key, new Ping("hello", 1))));
        }

        TopicDump.Message message = awaitOnTopic(eventId);
        assertThat(message.key()).isEqualTo(key);
        assertThat(message.header("event_type")).isEqualTo("Ping");
        assertThat(message.header("correlation_id")).isEqualTo("corr-" + key);
        JsonNode envelope = json.readTree(message.value());
        assertThat(envelope.path("event_id").asString()).isEqualTo(eventId);
        assertThat(envelope.path("event_type").asString()).isEqualTo("Ping");
        assertThat(envelope.path("correlation_id").asString()).isEqualTo("corr-" + key);
        assertThat(envelope.path("source").asString()).isEqualTo("messaging-test");
        assertThat(envelope.path("schema_version").asInt()).isEqualTo(1);
        assertThat(envelope.path("occurred_at").asString()).isNotBlank();
        assertThat(envelope.path("payload").path("text").asString()).isEqualTo("hello");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> effectsOf(eventId) == 1);
        assertThat(jdbc.sql("select correlation_id from messaging_test.effects where event_id = ?").param(eventId)
                .query(String.class).single()).as("the consumer logs under the message's correlation id").isEqualTo("corr-" + key);
        // Marked a moment after Kafka acknowledged it (checkout.messaging.relay-mark-delay), even with nothing else to send.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select published_at is not null from messaging_test.outbox where event_id = ?").param(eventId).query(Boolean.class).single());
    }

    @Test
    void rowsKafkaAcknowledgedAreNotSentAgainAndAreMarkedPublishedTogetherInTheRoundThatReadsTheNextBatch() {
        // A schema of its own, so this relay leads it and rounds run only when the test says.
        String schema = "relay_marking_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("create schema " + schema).update();
        jdbc.sql("create table " + schema + ".outbox (like messaging_test.outbox including all)").update();
        var service = new ServiceDescriptor("relay-marking-test", schema);
        var markLate = new MessagingProperties(properties.partitions(), properties.relayPollInterval(), 3, Duration.ofHours(1),
                properties.relayRetention(), properties.processedRetention(), properties.retryBackoffs(), properties.outageBackoffMax(),
                properties.reactionPause());
        OutboxRelay relay = new OutboxRelay(service, support, relayConnections, kafka, markLate);
        try {
            String key = "marking-" + UUID.randomUUID();
            List<String> first = List.of(pong(schema, key), pong(schema, key));

            assertThat(relay.relayOnce()).isEqualTo(OutboxRelay.Round.DONE);
            assertThat(unmarked(schema)).as("acknowledged, not yet marked").containsExactlyInAnyOrderElementsOf(first);
            assertThat(relay.relayOnce()).as("the sent rows are read past, not sent again").isEqualTo(OutboxRelay.Round.NOTHING_TO_DO);

            String third = pong(schema, key);
            assertThat(relay.relayOnce()).isEqualTo(OutboxRelay.Round.DONE);
            String fourth = pong(schema, key);
            // Three sent (the batch size here): this round marks them, in the statement that reads the fourth.
            assertThat(relay.relayOnce()).isEqualTo(OutboxRelay.Round.DONE);

            assertThat(unmarked(schema)).containsExactly(fourth);
            assertThat(jdbc.sql("select count(distinct published_at) from " + schema + ".outbox where published_at is not null")
                    .query(Long.class).single()).as("marked by one statement").isEqualTo(1);
            List<String> onTopic = TopicDump.read(SharedServers.addresses().kafkaBootstrapServers(), MessagingTestApplication.TOPIC)
                    .stream().filter(m -> key.equals(m.key())).map(m -> m.header("event_id")).toList();
            assertThat(onTopic).as("each sent once, in order").containsExactly(first.get(0), first.get(1), third, fourth);
        } finally {
            relay.letGo();
            jdbc.sql("drop schema " + schema + " cascade").update();
        }
    }

    /** A message of a type the test consumer drops unread, committed as another process's writer would leave it. */
    private String pong(String schema, String key) {
        String eventId = "evt-" + UUID.randomUUID();
        jdbc.sql("insert into " + schema + ".outbox (event_id, topic, message_key, event_type, envelope, headers)"
                        + " values (?, ?, ?, 'Pong', '{}', ?::jsonb)")
                .params(eventId, MessagingTestApplication.TOPIC, key, "{\"event_id\": \"" + eventId + "\", \"event_type\": \"Pong\"}")
                .update();
        return eventId;
    }

    private List<String> unmarked(String schema) {
        return jdbc.sql("select event_id from " + schema + ".outbox where published_at is null order by id").query(String.class).list();
    }

    @Test
    void aReactionListenerPausesBetweenPollsWithOneConsumerWhileASagaStepListenerNeverPausesAndBothCommitOffsetsOnceASecond() {
        var reactionContainer = (ConcurrentMessageListenerContainer<?, ?>) listeners.getListenerContainer(MessagingTestApplication.Reaction.LISTENER);
        var stepContainer = (ConcurrentMessageListenerContainer<?, ?>) listeners.getListenerContainer("messaging-test-consumer");
        var reaction = reactionContainer.getContainerProperties();
        var step = stepContainer.getContainerProperties();

        assertThat(reactionContainer.getConcurrency()).isEqualTo(1);
        assertThat(stepContainer.getConcurrency()).isEqualTo(2);
        assertThat(reaction.getIdleBetweenPolls()).isEqualTo(properties.reactionPause().toMillis()).isPositive();
        assertThat(step.getIdleBetweenPolls()).isZero();
        assertThat(List.of(reaction, step)).allSatisfy(container -> {
            assertThat(container.getAckMode()).as("offsets committed at most once a second").isEqualTo(ContainerProperties.AckMode.TIME);
            assertThat(container.getAckTime()).isEqualTo(1000);
            assertThat(container.isSyncCommits()).as("a commit that meets a restarting broker waits for it").isTrue();
        });
    }

    @Test
    void aReactionListenerTakesEveryMessagePublishedOneByOne() {
        List<String> eventIds = new ArrayList<>();
        for (int sequence = 0; sequence < 20; sequence++) {
            int current = sequence;
            eventIds.add(transactions.execute(status -> messaging.publish(OutgoingMessage.of(MessagingTestApplication.REACTION_TOPIC,
                    "reaction-" + current % 3, new Ping("for a reaction", current)))));
        }

        Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(MessagingTestApplication.Reaction.handled).containsAll(eventIds));
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        String key = "rolled-back-" + UUID.randomUUID();
        String[] eventId = new String[1];
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            eventId[0] = messaging.publish(OutgoingMessage.of(MessagingTestApplication.TOPIC, key, new Ping("never", 1)));
            throw new IllegalStateException("the change failed");
        })).hasMessage("the change failed");

        String marker = transactions.execute(status -> messaging.publish(OutgoingMessage.of(MessagingTestApplication.TOPIC, key, new Ping("after", 2))));
        awaitOnTopic(marker);
        assertThat(TopicDump.read(SharedServers.addresses().kafkaBootstrapServers(), MessagingTestApplication.TOPIC))
                .noneMatch(m -> m.value().contains(eventId[0]));
        assertThat(jdbc.sql("select count(*) from messaging_test.outbox where event_id = ?").param(eventId[0]).query(Long.class).single()).isZero();
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> messaging.publish(OutgoingMessage.of(MessagingTestApplication.TOPIC, "k", new Ping("loose", 1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside the transaction");
    }

    @Test
    void aRedeliveredMessageHasItsEffectOnce() throws Exception {
        String key = "redelivered-" + UUID.randomUUID();
        String eventId = transactions.execute(status -> messaging.publish(OutgoingMessage.of(MessagingTestApplication.TOPIC, key, new Ping("twice", 1))));
        TopicDump.Message original = awaitOnTopic(eventId);

        // The same record again, as a relay that crashed before marking it published would send it.
        kafka.send(new ProducerRecord<>(MessagingTestApplication.TOPIC, original.key(), original.value())).get(10, TimeUnit.SECONDS);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> TopicDump.read(SharedServers.addresses().kafkaBootstrapServers(),
                MessagingTestApplication.TOPIC).stream().filter(m -> m.value().contains(eventId)).count() == 2);
        String marker = transactions.execute(status -> messaging.publish(OutgoingMessage.of(MessagingTestApplication.TOPIC, key, new Ping("marker", 2))));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> effectsOf(marker) == 1);
        assertThat(effectsOf(eventId)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from messaging_test.processed_messages where event_id = ?").param(eventId)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aMessageThatKeepsFailingGoesToTheDeadLetterTopicWithItsErrorAndCanBeReplayed() {
        MessagingTestApplication.Consumer.refusePoison.set(true);
        String key = "poison-" + UUID.randomUUID();
        String eventId = transactions.execute(status -> messaging.publish(OutgoingMessage.of(MessagingTestApplication.TOPIC, key, new Ping("poison", 1))));
        ApiClient admin = ApiClient.atPort(port).withToken(tokens.issue("user_admin", "admin@test", List.of("USER", "ADMIN")).value());

        JsonNode deadLetter = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetterOf(admin, eventId), letter -> letter != null);
        assertThat(deadLetter.path("topic").asString()).isEqualTo(MessagingTestApplication.TOPIC);
        assertThat(deadLetter.path("error").asString()).contains("this ping is poison");
        assertThat(effectsOf(eventId)).isZero();
        assertThat(TopicDump.read(SharedServers.addresses().kafkaBootstrapServers(), MessagingTestApplication.TOPIC + ".DLQ"))
                .anyMatch(m -> m.value().contains(eventId));

        MessagingTestApplication.Consumer.refusePoison.set(false);
        ApiResponse replayed = admin.post("/api/v1/admin/dead-letters/" + deadLetter.path("id").asString() + "/replay", null);
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> effectsOf(eventId) == 1);
        assertThat(deadLetterOf(admin, eventId).path("replay_count").asInt()).isEqualTo(1);
        assertThat(admin.post("/api/v1/admin/dead-letters/dlq_unknown/replay", null).status()).isEqualTo(404);
        assertThat(ApiClient.atPort(port).get("/api/v1/admin/dead-letters").status()).isEqualTo(401);
    }

    @Test
    void theProducerIsIdempotentAndWaitsForAllReplicas() throws Exception {
        Map<String, Object> configuration = producers.getConfigurationProperties();
        assertThat(configuration.get(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");
        assertThat(String.valueOf(configuration.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG))).isEqualTo("true");

        // In force, not only configured: the broker tracks an idempotent producer's id for each partition it wrote.
        var sent = kafka.send(new ProducerRecord<>(MessagingTestApplication.TOPIC, "producer-check", "{}")).get(10, TimeUnit.SECONDS);
        TopicPartition partition = new TopicPartition(sent.getRecordMetadata().topic(), sent.getRecordMetadata().partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.addresses().kafkaBootstrapServers()))) {
            var producersOnPartition = admin.describeProducers(List.of(partition)).partitionResult(partition).get(10, TimeUnit.SECONDS);
            assertThat(producersOnPartition.activeProducers()).isNotEmpty();
            assertThat(producersOnPartition.activeProducers()).allMatch(state -> state.producerId() >= 0);
        }
    }

    @Test
    void twoRelaysOnOneSchemaPublishEveryMessageOnceAndInOrderPerKey() throws Exception {
        List<String> keys = List.of("a", "b", "c", "d").stream().map(k -> k + "-" + UUID.randomUUID()).toList();
        OutboxRelay second = new OutboxRelay(MessagingTestApplication.SERVICE, support, relayConnections, kafka, properties);
        Thread standby = Thread.ofPlatform().name("second-relay").start(second);
        List<String> eventIds = new ArrayList<>();
        try {
            for (int sequence = 0; sequence < 50; sequence++) {
                int current = sequence;
                eventIds.addAll(transactions.execute(status -> keys.stream().map(key -> messaging.publish(
                        OutgoingMessage.of(MessagingTestApplication.TOPIC, key, new Ping("ordered", current)))).toList()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "select count(*) from messaging_test.outbox where published_at is null").query(Long.class).single() == 0);
        } finally {
            second.stop();
            standby.join(Duration.ofSeconds(15));
        }
        List<TopicDump.Message> published = TopicDump.read(SharedServers.addresses().kafkaBootstrapServers(), MessagingTestApplication.TOPIC)
                .stream().filter(m -> keys.contains(m.key())).toList();
        assertThat(published.stream().map(m -> m.header("event_id")).toList()).containsExactlyInAnyOrderElementsOf(eventIds);
        Map<String, List<Integer>> sequencesByKey = published.stream().collect(Collectors.groupingBy(TopicDump.Message::key,
                Collectors.mapping(m -> json.readTree(m.value()).path("payload").path("sequence").asInt(), Collectors.toList())));
        for (String key : keys) {
            assertThat(sequencesByKey.get(key)).as("order of key " + key).isSorted().hasSize(50);
        }
    }

    @Test
    void aPoisonMessageInABatchUndoesNoneOfTheOthersAndHoldsBackOnlyWhatFollowsItOnItsKey() {
        MessagingTestApplication.Consumer.refusePoison.set(true);
        String poisoned = "batch-poison-" + UUID.randomUUID();
        String healthy = "batch-healthy-" + UUID.randomUUID();
        // One transaction: the relay sends them together, so the consumer gets them in one poll.
        List<String> ids = transactions.execute(status -> List.of(
                messaging.publish(OutgoingMessage.of(MessagingTestApplication.TOPIC, healthy, new Ping("first", 1))),
                messaging.publish(OutgoingMessage.of(MessagingTestApplication.TOPIC, poisoned, new Ping("poison", 1))),
                messaging.publish(OutgoingMessage.of(MessagingTestApplication.TOPIC, poisoned, new Ping("after the poison", 2))),
                messaging.publish(OutgoingMessage.of(MessagingTestApplication.TOPIC, healthy, new Ping("second", 2)))));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> effectsOf(ids.get(0)) == 1 && effectsOf(ids.get(3)) == 1);
        ApiClient admin = ApiClient.atPort(port).withToken(tokens.issue("user_admin", "admin@test", List.of("USER", "ADMIN")).value());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterOf(admin, ids.get(1)) != null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> effectsOf(ids.get(2)) == 1);
        assertThat(effectsOf(ids.get(1))).isZero();
        List<Integer> healthyOrder = jdbc.sql("select sequence from messaging_test.effects where message_key = ? order by id")
                .param(healthy).query(Integer.class).list();
        assertThat(healthyOrder).containsExactly(1, 2);
    }

    @Test
    void anEnvelopeWhosePayloadCannotBeReadIsDeadLetteredAndTheMessagesAroundItAreHandled() throws Exception {
        String key = "unreadable-" + UUID.randomUUID();
        String before = transactions.execute(status -> messaging.publish(OutgoingMessage.of(MessagingTestApplication.TOPIC, key, new Ping("before", 1))));
        String eventId = "evt_unreadable_" + UUID.randomUUID().toString().replace("-", "");
        var unreadable = new ProducerRecord<String, String>(MessagingTestApplication.TOPIC, key, """
                {"event_id":"%s","event_type":"Ping","payload":{"text":{"not":"a string"},"sequence":["not","a","number"]}}"""
                .formatted(eventId));
        unreadable.headers().add("event_id", eventId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        unreadable.headers().add("event_type", "Ping".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        kafka.send(unreadable).get(10, TimeUnit.SECONDS);
        String after = transactions.execute(status -> messaging.publish(OutgoingMessage.of(MessagingTestApplication.TOPIC, key, new Ping("after", 2))));

        ApiClient admin = ApiClient.atPort(port).withToken(tokens.issue("user_admin", "admin@test", List.of("USER", "ADMIN")).value());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterOf(admin, eventId) != null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> effectsOf(before) == 1 && effectsOf(after) == 1);
    }

    @Test
    void aMessageWithNulCharactersInItIsDeadLetteredAndKeptWithoutHoldingUpTheDeadLettersBehindIt() throws Exception {
        String key = "nul-" + UUID.randomUUID();
        kafka.send(new ProducerRecord<>(MessagingTestApplication.TOPIC, key, "{\u0000 not an envelope \u0000}")).get(10, TimeUnit.SECONDS);
        MessagingTestApplication.Consumer.refusePoison.set(true);
        String behind = transactions.execute(status -> messaging.publish(OutgoingMessage.of(MessagingTestApplication.TOPIC, key, new Ping("poison", 1))));

        ApiClient admin = ApiClient.atPort(port).withToken(tokens.issue("user_admin", "admin@test", List.of("USER", "ADMIN")).value());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterOf(admin, behind) != null);
        assertThat(jdbc.sql("select count(*) from platform.dead_letters where message_key = ? and payload like '%not an envelope%'")
                .param(key).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aMessageOfATypeTheConsumerDoesNotTakeIsDroppedWithoutATrace() {
        String key = "pong-" + UUID.randomUUID();
        String pong = transactions.execute(status -> messaging.publish(OutgoingMessage.of(MessagingTestApplication.TOPIC, key,
                new MessagingTestApplication.Pong("not for us"))));
        String marker = transactions.execute(status -> messaging.publish(OutgoingMessage.of(MessagingTestApplication.TOPIC, key, new Ping("marker", 1))));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> effectsOf(marker) == 1);
        assertThat(jdbc.sql("select count(*) from messaging_test.processed_messages where event_id = ?").param(pong)
                .query(Long.class).single()).as("no transaction recorded it").isZero();
    }

    private long effectsOf(String eventId) {
        return jdbc.sql("select count(*) from messaging_test.effects where event_id = ?").param(eventId).query(Long.class).single();
    }

    private TopicDump.Message awaitOnTopic(String eventId) {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).until(
                () -> TopicDump.read(SharedServers.addresses().kafkaBootstrapServers(), MessagingTestApplication.TOPIC).stream()
                        .filter(m -> eventId.equals(m.header("event_id"))).findFirst().orElse(null),
                message -> message != null);
    }

    private static JsonNode deadLetterOf(ApiClient admin, String eventId) {
        for (JsonNode letter : admin.get("/api/v1/admin/dead-letters?topic=" + MessagingTestApplication.TOPIC + "&limit=100").json().path("dead_letters")) {
            if (eventId.equals(letter.path("event_id").asString())) {
                return letter;
            }
        }
        return null;
    }
}
