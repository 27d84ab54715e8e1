package dev.checkout.platform.messaging;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What happens when a handler throws. A message that fails is retried after each of the configured waits (1 s, 2 s,
 * 4 s) and then published to {@code <topic>.DLQ} with the error in its headers. An outage is different: while the
 * database cannot be reached every message would fail, so those failures are retried with capped exponential
 * back-off for as long as it takes, and never dead-lettered.
 */
final class ConsumerFailures {

    static final String DLQ_SUFFIX = ".DLQ";

    private ConsumerFailures() {
    }

    static DefaultErrorHandler errorHandler(KafkaTemplate<String, String> kafka, MessagingProperties properties) {
        var recoverer = new DeadLetterPublishingRecoverer(kafka,
                (ConsumerRecord<?, ?> record, Exception exception) -> new TopicPartition(record.topic() + DLQ_SUFFIX, record.partition()));
        var handler = new DefaultErrorHandler(recoverer, new FixedSequenceBackOff(properties.retryBackoffs()));
        var outage = new ExponentialBackOff(500, 2.0);
        outage.setMaxInterval(properties.outageBackoffMax().toMillis());
        handler.setBackOffFunction((record, exception) -> isOutage(exception) ? outage : null);
        handler.setCommitRecovered(true);
        handler.setResetStateOnExceptionChange(true);
        return handler;
    }

    /** Whether the failure is a dependency being down rather than something wrong with the message. */
    static boolean isOutage(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof QueryTimeoutException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** Waits the given durations in turn, then gives up. */
    record FixedSequenceBackOff(List<Duration> waits) implements BackOff {

        @Override
        public BackOffExecution start() {
            return new BackOffExecution() {
                private int attempt;

                @Override
                public long nextBackOff() {
                    return attempt < waits.size() ? waits.get(attempt++).toMillis() : STOP;
                }
            };
        }
    }
}
