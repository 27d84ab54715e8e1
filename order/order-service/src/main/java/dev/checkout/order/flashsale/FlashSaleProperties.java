package dev.checkout.order.flashsale;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Flash-sale settings ({@code checkout.flash-sale.*}).
 *
 * @param tokenTtl          how long an admitted customer's purchase token, and the units it holds, lives from the moment
 *                          the customer first sees it (a poll answering ADMITTED)
 * @param noticeWindow      how long an admitted customer has, from inventory reserving their units, to look and see the
 *                          token; one who does not look by then and one token life on loses the units to the next in
 *                          line. At least the longest a waiting customer is expected to leave between polls
 * @param admissionInterval how often waiting rooms of live sales admit the next batch
 * @param admissionBatch    the most tickets one sale admits a round: paces admission to what checkout can take
 * @param maxReserving      the most holds of one sale waiting for inventory's reservation at once: admission lets in no
 *                          more than inventory has answered for, so a crowd never queues more reservations than
 *                          inventory can make before their tokens would matter
 * @param reservingTimeout  how long an admitted hold waits for inventory's reservation; past it the hold gives its units
 *                          back and its ticket waits again in its place
 */
@ConfigurationProperties("checkout.flash-sale")
public record FlashSaleProperties(
        @DefaultValue("PT2M") Duration tokenTtl,
        @DefaultValue("PT2M") Duration noticeWindow,
        @DefaultValue("PT0.5S") Duration admissionInterval,
        @DefaultValue("500") int admissionBatch,
        @DefaultValue("250") int maxReserving,
        @DefaultValue("PT1M") Duration reservingTimeout) {

    public FlashSaleProperties {
        if (admissionBatch < 1 || maxReserving < 1) {
            throw new IllegalArgumentException("checkout.flash-sale.admission-batch and max-reserving are at least 1");
        }
    }

    /**
     * The fastest the queue can move now, tickets a second: a round lets in no more than a batch, than may wait for
     * inventory at once, and than the checkout's door lets in at its current {@code doorLimit}.
     */
    double mostTicketsPerSecond(int doorLimit) {
        return Math.min(Math.min(admissionBatch, maxReserving), doorLimit) * 1000.0 / Math.max(1, admissionInterval.toMillis());
    }
}
