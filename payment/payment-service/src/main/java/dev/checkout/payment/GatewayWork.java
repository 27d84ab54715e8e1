package dev.checkout.payment;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where gateway calls run: Resilience4j's {@code payment-gateway} thread-pool bulkhead, never a consumer or scheduler
 * thread, so a slow gateway cannot stall a partition or the resolver, and can hold at most its threads. When the pool
 * and its queue are full the work is dropped here: it is still in the database (a payment INITIATED or PENDING, a
 * refund PENDING), where {@link PaymentResolver} finds it once it is due.
 */
final class GatewayWork {

    private static final Logger log = LoggerFactory.getLogger(GatewayWork.class);

    private final ThreadPoolBulkhead bulkhead;

    GatewayWork(ThreadPoolBulkhead bulkhead) {
        this.bulkhead = bulkhead;
    }

    void submit(String what, Runnable work) {
        try {
            bulkhead.submit(work).whenComplete((done, failure) -> {
                if (failure != null) {
                    log.error("{} failed; it stays due and will be tried again", what, failure);
                }
            });
        } catch (BulkheadFullException e) {
            log.debug("{} waits in the database: the gateway pool is full", what);
        }
    }

    /** Submits the work once this thread's transaction commits; nothing if it rolls back. */
    void submitAfterCommit(String what, Runnable work) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                submit(what, work);
            }
        });
    }

    void close() throws Exception {
        bulkhead.close();
    }
}
