package dev.checkout.order;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Looks at sagas whose current step is overdue (seed 002, 7.8) and lets the saga decide: send the step again, fail it
 * and compensate, or send a compensation again. Each saga in its own transaction; one instance at a time.
 */
@Component
class SagaRecovery {

    private static final Logger log = LoggerFactory.getLogger(SagaRecovery.class);
    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final CheckoutSaga checkout;
    private final CancellationSaga cancellation;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SagaRecovery(JdbcClient jdbc, CheckoutSaga checkout, CancellationSaga cancellation, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.checkout = checkout;
        this.cancellation = cancellation;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${checkout.orders.recovery-interval:PT5S}")
    // A process that dies holding this lock blocks the job until lockAtMostFor passes, so keep it short: a run
    // handles one small batch in well under a second, and running twice at once is harmless (rows are taken under lock, commands are idempotent).
    @SchedulerLock(name = "order-saga-recovery", lockAtMostFor = "PT20S")
    void recoverOverdueSagas() {
        record Overdue(String type, String orderId) {
        }
        List<Overdue> overdue = jdbc.sql("""
                        select saga_type, order_id from orders.saga_instances
                        where status in ('RUNNING', 'COMPENSATING') and deadline_at <= :now order by deadline_at limit :limit""")
                .param("now", Timestamp.from(clock.instant())).param("limit", BATCH)
                .query((rs, n) -> new Overdue(rs.getString(1), rs.getString(2))).list();
        for (Overdue saga : overdue) {
            try {
                transactions.executeWithoutResult(status -> {
                    if (CancellationSaga.TYPE.equals(saga.type())) {
                        cancellation.engine().timeOut(saga.orderId());
                    } else {
                        checkout.engine().timeOut(saga.orderId());
                    }
                });
            } catch (RuntimeException e) {
                log.warn("could not recover the {} saga of {}: {}", saga.type(), saga.orderId(), e.toString());
            }
        }
        if (!overdue.isEmpty()) {
            log.info("looked at {} overdue saga(s)", overdue.size());
        }
    }
}
