package dev.checkout.order.checkout;

import dev.checkout.platform.core.JobLocks;
import java.time.Clock;
import java.time.Instant;

import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.ReleaseStock;
import dev.checkout.order.OrderServiceConfiguration.OrderMessaging;
import dev.checkout.order.api.CheckoutExpired;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.platform.messaging.OutgoingMessage;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checkouts left unpaid past {@code expires_at}: they are expired, their stock released and their carts freed
 * ({@code CheckoutExpired}). Runs on one instance at a time; paying also expires a checkout it finds out of time.
 */
@Component
public class CheckoutExpiry {

    private static final Logger log = LoggerFactory.getLogger(CheckoutExpiry.class);
    private static final int BATCH = 200;

    private final Checkouts checkouts;
    private final OrderMessaging messaging;
    private final Clock clock;

    CheckoutExpiry(Checkouts checkouts, OrderMessaging messaging, Clock clock) {
        this.checkouts = checkouts;
        this.messaging = messaging;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${checkout.orders.expiry-interval:PT5S}")
    // One small batch a run, well under the lock's hold; running twice at once would be harmless (rows are taken under lock).
    @SchedulerLock(name = "order-checkout-expiry", lockAtMostFor = JobLocks.HOLD_TEXT)
    @Transactional
    public void expireOverdueCheckouts() {
        Instant now = clock.instant();
        int expired = 0;
        for (Checkout checkout : checkouts.lockExpired(now, BATCH)) {
            if (expire(checkout, now)) {
                expired++;
            }
        }
        if (expired > 0) {
            log.info("expired {} unpaid checkout(s)", expired);
        }
    }

    /** Expires one checkout if it is open and past its time; its stock is released and its cart freed. */
    @Transactional
    public boolean expireIfOverdue(String checkoutId) {
        return checkouts.lock(checkoutId).map(checkout -> expire(checkout, clock.instant())).orElse(false);
    }

    private boolean expire(Checkout checkout, Instant now) {
        if (!checkout.expire(now)) {
            return false;
        }
        checkouts.update(checkout);
        messaging.publish(OutgoingMessage.of(InventoryTopics.COMMANDS, checkout.checkoutId(),
                new ReleaseStock(checkout.checkoutId(), "checkout_expired")));
        messaging.publish(OutgoingMessage.of(OrderTopics.EVENTS, checkout.checkoutId(),
                new CheckoutExpired(checkout.checkoutId(), checkout.userId(), checkout.cartId(), now)));
        return true;
    }
}
