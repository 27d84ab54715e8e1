package dev.checkout.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOffExecution;

class ConsumerFailuresTest {

    @Test
    void aDatabaseOutageIsAnOutageHoweverDeeplyItIsWrapped() {
        var outage = new ListenerExecutionFailedException("listener failed", new CannotGetJdbcConnectionException("no connection"));
        assertThat(ConsumerFailures.isOutage(outage)).isTrue();
    }

    @Test
    void aFailureOfTheMessageItselfIsNotAnOutage() {
        assertThat(ConsumerFailures.isOutage(new ListenerExecutionFailedException("x", new PoisonMessageException("not JSON")))).isFalse();
        assertThat(ConsumerFailures.isOutage(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void aFailingMessageIsRetriedAfterEachConfiguredWaitThenGivenUp() {
        BackOffExecution waits = new ConsumerFailures.FixedSequenceBackOff(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4))).start();
        assertThat(List.of(waits.nextBackOff(), waits.nextBackOff(), waits.nextBackOff())).containsExactly(1000L, 2000L, 4000L);
        assertThat(waits.nextBackOff()).isEqualTo(BackOffExecution.STOP);
    }

    @Test
    void binaryDeadLetterHeadersAreStoredReadably() {
        assertThat(DeadLetters.readable(new RecordHeader("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(6).array()))).isEqualTo("6");
        assertThat(DeadLetters.readable(new RecordHeader("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(42).array()))).isEqualTo("42");
        assertThat(DeadLetters.readable(new RecordHeader("event_type", "Ping".getBytes()))).isEqualTo("Ping");
        assertThat(DeadLetters.readable(new RecordHeader("odd", new byte[] {0, 1, 2}))).startsWith("base64:");
    }

    @Test
    void aRelaysLockKeyIsStablePerSchema() {
        assertThat(OutboxRelay.lockKey("orders")).isEqualTo(OutboxRelay.lockKey("orders")).isNotEqualTo(OutboxRelay.lockKey("payment"));
    }
}
