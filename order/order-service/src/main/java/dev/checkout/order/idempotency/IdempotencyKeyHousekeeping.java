package dev.checkout.order.idempotency;

import dev.checkout.platform.core.JobLocks;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.checkout.order.OrderProperties;
import dev.checkout.order.OrderServiceConfiguration.OrderMessaging;
import dev.checkout.order.api.CheckoutExpired;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.platform.messaging.OutgoingMessage;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Housekeeping of Idempotency-Keys, each on one instance at a time: keys past their retention (24 h by default) are
 * forgotten hourly, and claims abandoned by requests that died are ended every expiry interval, letting go of the cart
 * such a request held for the order it never placed.
 */
@Component
class IdempotencyKeyHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyHousekeeping.class);
    private static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final OrderProperties properties;
    private final OrderMessaging messaging;
    private final Clock clock;

    IdempotencyKeyHousekeeping(JdbcClient jdbc, TransactionTemplate transactions, OrderProperties properties, OrderMessaging messaging,
                               Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.messaging = messaging;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${checkout.orders.idempotency-purge-interval:PT1H}", initialDelayString = "PT1M")
    @SchedulerLock(name = "order-idempotency-purge", lockAtMostFor = JobLocks.HOLD_TEXT)
    void purge() {
        int purged = purgeExpired();
        if (purged > 0) {
            log.info("forgot {} expired Idempotency-Key(s)", purged);
        }
    }

    @Scheduled(fixedDelayString = "${checkout.orders.expiry-interval:PT5S}")
    // One small batch a run, well under the lock's hold; running twice at once would be harmless (rows are taken under lock).
    @SchedulerLock(name = "order-abandoned-requests", lockAtMostFor = JobLocks.HOLD_TEXT)
    void releaseAbandoned() {
        int released = releaseAbandoned(BATCH, abandoned -> {
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

    /** A claim abandoned by a request that died: its key, and the cart it may have held for the order it never placed. */
    record Abandoned(String userId, String key, String resourceId, String cartId) {
    }

    /**
     * Ends claims whose lease ran out at least a lease ago (time enough for the client to retry and take them over),
     * handing each to {@code release} in the same transaction, so that letting the cart go commits with the end of the
     * claim. At most {@code limit} at a time.
     */
    private int releaseAbandoned(int limit, Consumer<Abandoned> release) {
        return Optional.ofNullable(transactions.execute(status -> {
            List<Abandoned> abandoned = jdbc.sql("""
                            delete from orders.idempotency_keys where (user_id, idempotency_key) in (
                                select user_id, idempotency_key from orders.idempotency_keys
                                where response_status is null and locked_until < now() - :lease * interval '1 millisecond'
                                limit :limit for update skip locked)
                            returning user_id, idempotency_key, resource_id, cart_id""")
                    .param("lease", properties.idempotencyLease().toMillis()).param("limit", limit)
                    .query((rs, n) -> new Abandoned(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                    .list();
            abandoned.forEach(release);
            return abandoned.size();
        })).orElse(0);
    }

    /** Forgets keys older than their retention. */
    private int purgeExpired() {
        return jdbc.sql("delete from orders.idempotency_keys where expires_at <= now() and response_status is not null").update();
    }
}
