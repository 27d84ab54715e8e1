package dev.checkout.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;
import org.apache.kafka.common.TopicPartition;

class ForwardOnlyCommitsTest {

    private static final TopicPartition COMMANDS_4 = new TopicPartition("inventory-commands", 4);
    private static final TopicPartition COMMANDS_5 = new TopicPartition("inventory-commands", 5);

    private final MockConsumer<String, String> broker = new MockConsumer<>("earliest");
    private final Consumer<String, String> consumer = ForwardOnlyCommits.wrap(broker);

    ForwardOnlyCommitsTest() {
        broker.assign(List.of(COMMANDS_4, COMMANDS_5));
    }

    @Test
    void aPendingCommitBelowTheErrorHandlersCommitLeavesThePartitionWhereTheErrorHandlerPutIt() {
        // The error handler commits the records before the failed one at once ...
        consumer.commitSync(Map.of(COMMANDS_4, new OffsetAndMetadata(32)), Duration.ofSeconds(5));
        // ... and a second later the container commits what an earlier batch left pending, with the other partition.
        consumer.commitSync(Map.of(COMMANDS_4, new OffsetAndMetadata(31), COMMANDS_5, new OffsetAndMetadata(70)), Duration.ofSeconds(5));

        assertThat(committed()).containsEntry(COMMANDS_4, 32L).containsEntry(COMMANDS_5, 70L);
    }

    @Test
    void commitsThatMoveForwardOrStayPassThrough() {
        consumer.commitSync(Map.of(COMMANDS_4, new OffsetAndMetadata(10)));
        consumer.commitSync(Map.of(COMMANDS_4, new OffsetAndMetadata(10)));
        consumer.commitSync(Map.of(COMMANDS_4, new OffsetAndMetadata(12)));

        assertThat(committed()).containsEntry(COMMANDS_4, 12L);
    }

    @Test
    void anAsynchronousCommitIsRememberedOnceTheBrokerTookItAndItsCallbackStillHearsOfAStaleOne() {
        List<Map<TopicPartition, OffsetAndMetadata>> completed = new ArrayList<>();
        consumer.commitAsync(Map.of(COMMANDS_4, new OffsetAndMetadata(20)), (offsets, failure) -> completed.add(offsets));
        consumer.commitAsync(Map.of(COMMANDS_4, new OffsetAndMetadata(15)), (offsets, failure) -> completed.add(offsets));

        assertThat(committed()).containsEntry(COMMANDS_4, 20L);
        assertThat(completed).hasSize(2);
    }

    @Test
    void everythingElseReachesTheConsumer() {
        consumer.assign(List.of(COMMANDS_5));

        assertThat(consumer.assignment()).containsExactly(COMMANDS_5);
        assertThat(consumer).isEqualTo(consumer).isNotEqualTo(broker);
    }

    private Map<TopicPartition, Long> committed() {
        var offsets = broker.committed(Set.of(COMMANDS_4, COMMANDS_5));
        var plain = new java.util.HashMap<TopicPartition, Long>();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                plain.put(partition, offset.offset());
            }
        });
        return plain;
    }
}
