package dev.checkout.platform.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs small pieces of database work that arrive from many threads in shared transactions: whatever has queued up by
 * the time the previous commit is done goes into the next one, so under load N pieces cost one commit instead of N,
 * and when idle a piece waits for nobody. A piece that fails is not lost to the others: the batch is rolled back and
 * its pieces run again one transaction each, the failing one alone.
 * <p>
 * Use it only for work whose loss in a crash is repaired from what the database already says (a payment whose outcome
 * is not recorded yet is looked up again by its resolver): a queued piece has not happened until its batch commits.
 */
public final class GroupCommit implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final String name;
    private final TransactionTemplate transactions;
    private final int maxBatch;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread worker;

    public GroupCommit(String name, TransactionTemplate transactions, int maxBatch) {
        this.name = name;
        this.transactions = transactions;
        this.maxBatch = maxBatch;
    }

    /** Queues {@code work} for the next shared transaction; it runs on this group's thread. */
    public void submit(Runnable work) {
        queue.add(work);
    }

    @Override
    public synchronized void start() {
        running = true;
        worker = Thread.ofPlatform().name("group-commit-" + name).daemon(true).start(this::run);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        List<Runnable> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Runnable first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    queue.drainTo(batch);
                    commit(batch);
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Runnable> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> batch.forEach(Runnable::run));
        } catch (RuntimeException batchFailed) {
            for (Runnable work : batch) {
                try {
                    transactions.executeWithoutResult(status -> work.run());
                } catch (RuntimeException failed) {
                    log.warn("{}: a piece of work failed and was dropped; what it was for is picked up again later: {}", name, failed.toString());
                }
            }
        }
    }
}
