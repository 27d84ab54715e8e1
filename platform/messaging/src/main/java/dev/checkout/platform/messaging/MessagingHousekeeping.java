package dev.checkout.platform.messaging;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.checkout.platform.core.JobLocks;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes what the messaging tables no longer need: outbox rows published longer ago than the retention, and
 * processed-message records older than any redelivery could be. Each schema is cleaned by one instance at a time
 * (a ShedLock lock per schema, since processes may host different services).
 */
class MessagingHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(MessagingHousekeeping.class);

    private final List<ServiceMessaging> services;
    private final MessagingSupport support;
    private final MessagingProperties properties;
    private final LockingTaskExecutor locks;

    MessagingHousekeeping(List<ServiceMessaging> services, MessagingSupport support, MessagingProperties properties,
                          LockProvider lockProvider) {
        this.services = services;
        this.support = support;
        this.properties = properties;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
    }

    @Scheduled(fixedDelayString = "${checkout.messaging.housekeeping-interval:PT5M}", initialDelayString = "PT1M")
    void deleteWhatIsNoLongerNeeded() {
        for (ServiceMessaging messaging : services) {
            var service = messaging.service();
            Instant now = support.clock.instant();
            locks.executeWithLock((Runnable) () -> clean(service, now),
                    new LockConfiguration(now, "messaging-housekeeping-" + service.schema(), JobLocks.HOLD, Duration.ZERO));
        }
    }

    private void clean(dev.checkout.platform.core.ServiceDescriptor service, Instant now) {
        int outbox = deleteInBatches("delete from " + service.table("outbox") + " where id in (select id from " + service.table("outbox")
                + " where published_at < :before limit 10000)", now.minus(properties.relayRetention()));
        int processed = deleteInBatches("delete from " + service.table("processed_messages") + " where ctid in (select ctid from "
                + service.table("processed_messages") + " where processed_at < :before limit 10000)", now.minus(properties.processedRetention()));
        if (outbox + processed > 0) {
            log.info("housekeeping of {}: deleted {} published outbox rows and {} processed-message records",
                    service.schema(), outbox, processed);
        }
    }

    /** Deletes in batches of 10,000 rows, each its own statement, so no run holds a long transaction or its lock for long. */
    private int deleteInBatches(String sql, Instant before) {
        int total = 0;
        int deleted;
        do {
            JobLocks.stillWorking();
            deleted = support.jdbc.sql(sql).param("before", Timestamp.from(before)).update();
            total += deleted;
        } while (deleted == 10_000);
        return total;
    }
}
