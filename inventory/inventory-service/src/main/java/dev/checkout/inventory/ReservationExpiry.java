package dev.checkout.inventory;

import dev.checkout.platform.core.JobLocks;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Releases reservations whose time ran out, every {@code checkout.inventory.expiry-interval}, on one instance at a time. */
@Component
class ReservationExpiry {

    private static final Logger log = LoggerFactory.getLogger(ReservationExpiry.class);
    private static final int BATCH = 200;

    private final StockReservations reservations;

    ReservationExpiry(StockReservations reservations) {
        this.reservations = reservations;
    }

    @Scheduled(fixedDelayString = "${checkout.inventory.expiry-interval:PT30S}", initialDelayString = "${checkout.inventory.expiry-interval:PT30S}")
    // One small batch a run, well under the lock's hold; running twice at once would be harmless (rows are taken under lock).
    @SchedulerLock(name = "inventory-reservation-expiry", lockAtMostFor = JobLocks.HOLD_TEXT)
    void releaseExpired() {
        int released;
        int total = 0;
        do {
            released = reservations.expireDue(BATCH);
            total += released;
        } while (released == BATCH);
        if (total > 0) {
            log.info("released {} expired reservation(s)", total);
        }
    }
}
