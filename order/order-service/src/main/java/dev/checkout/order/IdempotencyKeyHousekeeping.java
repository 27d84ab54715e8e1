package dev.checkout.order;

import dev.checkout.platform.core.JobLocks;
import java.time.Clock;

import dev.checkout.order.OrderServiceConfiguration.OrderMessaging;
import dev.checkout.order.api.CheckoutExpired;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.platform.messaging.OutgoingMessage;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Housekeeping of Idempotency-Keys, each on one instance at a time: keys past their retention (24 h by default) are
 * forgotten hourly, and claims abandoned by requests that died are ended every expiry interval, letting go of the cart
 * such a request held for the order it never placed.
 */
@Component
class IdempotencyKeyHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyHousekeeping.class);
    private static final int BATCH = 100;

    private final IdempotentRequests requests;
    private final OrderMessaging messaging;
    private final Clock clock;

    IdempotencyKeyHousekeeping(IdempotentRequests requests, OrderMessaging messaging, Clock clock) {
        this.requests = requests;
        this.messaging = messaging;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${checkout.orders.idempotency-purge-interval:PT1H}", initialDelayString = "PT1M")
    @SchedulerLock(name = "order-idempotency-purge", lockAtMostFor = JobLocks.HOLD_TEXT)
    void purge() {
        int purged = requests.purgeExpired();
        if (purged > 0) {
            log.info("forgot {} expired Idempotency-Key(s)", purged);
        }
    }

    @Scheduled(fixedDelayString = "${checkout.orders.expiry-interval:PT5S}")
    // One small batch a run, well under the lock's hold; running twice at once would be harmless (rows are taken under lock).
    @SchedulerLock(name = "order-abandoned-requests", lockAtMostFor = JobLocks.HOLD_TEXT)
    void releaseAbandoned() {
        int released = requests.releaseAbandoned(BATCH, abandoned -> {
            log.warn("request under Idempotency-Key {} of {} died before placing {}; its key is free again{}", abandoned.key(),
                    abandoned.userId(), abandoned.resourceId(), abandoned.cartId() == null ? "" : " and its cart is let go");
            if (abandoned.cartId() != null) {
                messaging.publish(OutgoingMessage.of(OrderTopics.EVENTS, abandoned.resourceId(),
                        new CheckoutExpired(abandoned.resourceId(), abandoned.userId(), abandoned.cartId(), clock.instant())));
            }
        });
        if (released == BATCH) {
            log.info("more abandoned requests remain; the next run continues");
        }
    }
}
