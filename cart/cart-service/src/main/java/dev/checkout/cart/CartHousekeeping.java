package dev.checkout.cart;

import dev.checkout.platform.core.JobLocks;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.checkout.cart.CartServiceConfiguration.CartMessaging;
import dev.checkout.cart.api.CartAbandoned;
import dev.checkout.cart.api.CartTopics;
import dev.checkout.platform.messaging.OutgoingMessage;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cart's scheduled jobs, each on one instance at a time: guest carts idle past their expiry become EXPIRED; users'
 * carts with items idle past the abandonment threshold get one {@link CartAbandoned} on {@code cart-events} (seed 003,
 * journey 2), published in the transaction that marks them reminded, so never twice.
 */
@Component
class CartHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(CartHousekeeping.class);
    private static final int BATCH = 200;

    private final CartStore store;
    private final Carts carts;
    private final CartMessaging messaging;
    private final CartProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CartHousekeeping(CartStore store, Carts carts, CartMessaging messaging, CartProperties properties,
                     TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.carts = carts;
        this.messaging = messaging;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${checkout.cart.housekeeping-interval:PT1M}", initialDelayString = "${checkout.cart.housekeeping-interval:PT1M}")
    @SchedulerLock(name = "cart-guest-expiry", lockAtMostFor = JobLocks.HOLD_TEXT)
    void expireIdleGuestCarts() {
        int total = JobLocks.inBatches(BATCH, this::expireBatch);
        if (total > 0) {
            log.info("expired {} idle guest cart(s)", total);
        }
    }

    @Scheduled(fixedDelayString = "${checkout.cart.housekeeping-interval:PT1M}", initialDelayString = "${checkout.cart.housekeeping-interval:PT1M}")
    @SchedulerLock(name = "cart-abandonment-reminders", lockAtMostFor = JobLocks.HOLD_TEXT)
    void remindAbandonedCarts() {
        int total = JobLocks.inBatches(BATCH, this::remindBatch);
        if (total > 0) {
            log.info("published {} abandoned-cart reminder(s)", total);
        }
    }

    private int expireBatch() {
        return transactions.execute(status -> {
            Instant now = clock.instant();
            List<Cart> idle = carts.lockIdleGuestCarts(now.minus(properties.guestIdleExpiry()), BATCH);
            idle.forEach(cart -> {
                cart.expire(now);
                store.save(cart);
            });
            return idle.size();
        });
    }

    private int remindBatch() {
        return transactions.execute(status -> {
            Instant now = clock.instant();
            List<Cart> abandoned = carts.lockAbandonedCarts(now.minus(properties.reminderAfter()), BATCH);
            for (Cart cart : abandoned) {
                messaging.publish(OutgoingMessage.of(CartTopics.EVENTS, cart.userId(), new CartAbandoned(cart.cartId(),
                        cart.userId(), cart.items().stream().map(item -> new CartAbandoned.Line(item.productId(),
                                item.variantId(), item.name(), item.quantity(), item.priceAtAddition())).toList(),
                        cart.subtotal(), cart.currency(), cart.updatedAt(), now)));
                carts.markReminded(cart.cartId(), now);
            }
            return abandoned.size();
        });
    }
}
