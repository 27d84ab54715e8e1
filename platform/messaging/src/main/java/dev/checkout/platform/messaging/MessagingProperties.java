package dev.checkout.platform.messaging;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the messaging backbone ({@code checkout.messaging.*}).
 *
 * @param partitions          partitions of every topic the services declare (and of its DLQ)
 * @param relayPollInterval   how often an idle relay looks for rows nothing woke it for, and a relay standing by tries
 *                            to take over from a leader that is gone; rows committed in this process wake it at once,
 *                            those of other processes through {@link RelayWakeUps}
 * @param relayBatchSize      rows published per relay round
 * @param relayMarkDelay      how long rows Kafka acknowledged may wait to be marked published, so that one statement
 *                            marks what many rounds sent; rows a crash leaves unmarked are sent again (and skipped by
 *                            their consumers), so a longer delay means more duplicates after a crash, never a loss
 * @param relayRetention      how long published outbox rows are kept for audit before they are deleted
 * @param processedRetention  how long processed-message records are kept; longer than any redelivery can come late
 * @param retryBackoffs       waits between attempts of a failing handler before its message goes to the DLQ
 * @param outageBackoffMax    the longest wait between attempts while a dependency (the database) is down; those
 *                            attempts never end in the DLQ
 * @param reactionPause       how long a listener of reactions ({@link ServiceMessaging#REACTIONS}) waits between
 *                            polls, letting records gather into one batch and one transaction; it delays each reaction
 *                            by at most that much (api.md allows effects across services 2 s)
 */
@ConfigurationProperties("checkout.messaging")
public record MessagingProperties(
        @DefaultValue("8") int partitions,
        @DefaultValue("1s") Duration relayPollInterval,
        @DefaultValue("200") int relayBatchSize,
        @DefaultValue("100ms") Duration relayMarkDelay,
        @DefaultValue("PT1H") Duration relayRetention,
        @DefaultValue("P7D") Duration processedRetention,
        @DefaultValue({"1s", "2s", "4s"}) List<Duration> retryBackoffs,
        @DefaultValue("10s") Duration outageBackoffMax,
        @DefaultValue("200ms") Duration reactionPause) {
}
