package dev.checkout.order.saga;

import java.time.Clock;
import java.util.List;

import dev.checkout.platform.core.JobLocks;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import dev.checkout.order.saga.engine.Sagas;

/**
 * Looks at sagas whose current step is overdue (seed 002, 7.8) and lets the saga decide: send the step again, fail it
 * and compensate, or send a compensation again. Each saga in its own transaction; one instance at a time.
 */
@Component
class SagaRecovery {

    private static final Logger log = LoggerFactory.getLogger(SagaRecovery.class);
    private static final int BATCH = 200;

    private final JdbcSagaStore store;
    private final Sagas sagas;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SagaRecovery(JdbcSagaStore store, Sagas sagas, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.sagas = sagas;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${checkout.orders.recovery-interval:PT5S}")
    // One small batch a run, well under the lock's hold; running twice at once would be harmless (rows are taken under lock).
    @SchedulerLock(name = "order-saga-recovery", lockAtMostFor = JobLocks.HOLD_TEXT)
    void recoverOverdueSagas() {
        List<JdbcSagaStore.Key> overdue = store.overdue(clock.instant(), BATCH);
        for (JdbcSagaStore.Key saga : overdue) {
            try {
                transactions.executeWithoutResult(status -> sagas.timeOut(saga.type(), saga.orderId()));
            } catch (RuntimeException e) {
                log.warn("could not recover the {} saga of {}: {}", saga.type(), saga.orderId(), e.toString());
            }
        }
        if (!overdue.isEmpty()) {
            log.info("looked at {} overdue saga(s)", overdue.size());
        }
    }
}
