package dev.checkout.platform.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;

import org.springframework.transaction.support.TransactionSynchronization;

/**
 * Between one schema's writers and its relay in this process: the rows the writers commit, handed over so that the
 * leading relay sends them without reading them back from the outbox, and the wake-ups.
 * <p>
 * A relay that read the table after every commit paid a read-only transaction for it (about seven of the twenty
 * commits an order cost at 25 orders/s). Handing the rows over must not reorder a key, so:
 * <ul>
 *   <li>a writer hands its row over in {@code beforeCommit}: transactions that write one key follow one another
 *       through a lock, so their rows join the queue in the order they commit;</li>
 *   <li>the relay takes rows from the head only once their transaction is over, and stops at the first still
 *       committing: nothing is sent past a row that may yet commit;</li>
 *   <li>a row that could not be handed over (no relay of this process led, or the queue was full) is counted until
 *       its transaction is over, and from then on the relay reads the table, in id order, until a read finds it
 *       caught up: nothing handed over is sent past a row that was not;</li>
 *   <li>a row rolled back, or undone by a rollback to a savepoint taken before it, is skipped.</li>
 * </ul>
 * Rows committed by other processes come to the relay by the table, woken by {@link RelayWakeUps} ({@link #readTable}).
 */
final class RelayHandOff {

    /** Rows waiting for the relay at most; past it they are left to a read of the table. */
    static final int CAPACITY = 10_000;

    private static final int COMMITTING = 0;
    private static final int COMMITTED = 1;
    private static final int ROLLED_BACK = 2;

    private final BlockingQueue<Boolean> wakeUps = new ArrayBlockingQueue<>(1);
    private final AtomicBoolean readWanted = new AtomicBoolean();
    /** Rows not handed over whose transactions are not over yet. */
    private final AtomicInteger unqueuedCommitting = new AtomicInteger();
    private final int capacity;
    /** Open while a relay of this process leads the schema's publication. */
    private volatile BlockingQueue<Entry> queue;

    RelayHandOff() {
        this(CAPACITY);
    }

    RelayHandOff(int capacity) {
        this.capacity = capacity;
    }

    /** The synchronization, for the transaction that wrote {@code row}, that hands it over as it commits. */
    TransactionSynchronization handOver(OutboxRow row) {
        return new Entry(row);
    }

    void wakeUp() {
        wakeUps.offer(Boolean.TRUE);
    }

    /** Rows were committed that were not handed over (by another process, say): the relay is to read the table. */
    void readTable() {
        readWanted.set(true);
        wakeUp();
    }

    /** Waits for a wake-up or the timeout, whichever comes first; whether it was woken. */
    boolean await(Duration timeout) throws InterruptedException {
        return wakeUps.poll(timeout.toMillis(), TimeUnit.MILLISECONDS) != null;
    }

    /** Called by the relay that starts leading: rows are handed over from now on. */
    void open() {
        queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Called by the relay that stops leading: what was handed over and not taken is left to the next leader's read. */
    void close() {
        queue = null;
    }

    /**
     * Whether the relay must read the table rather than trust what was handed over: a row was not handed over and its
     * transaction is not over yet, or it is over, or something else asked for a read since the last call.
     */
    boolean readNeeded() {
        return readWanted.getAndSet(false) | unqueuedCommitting.get() > 0;
    }

    /** Whether every row not handed over has its transaction over: a read now sees all of them. */
    boolean nothingUnqueuedCommitting() {
        return unqueuedCommitting.get() == 0;
    }

    /**
     * Up to {@code max} rows from the head of the queue whose transactions committed, in order, leaving out those in
     * {@code alreadySent}; stops at the first row still committing.
     */
    List<OutboxRow> take(int max, LongPredicate alreadySent) {
        BlockingQueue<Entry> current = queue;
        if (current == null) {
            return List.of();
        }
        List<OutboxRow> rows = new ArrayList<>();
        Entry head;
        while (rows.size() < max && (head = current.peek()) != null) {
            int state = head.state;
            if (state == COMMITTING) {
                break;
            }
            current.poll();
            if (state == COMMITTED && !alreadySent.test(head.row.id())) {
                rows.add(head.row);
            }
        }
        return rows;
    }

    /** One row on its way through its transaction's commit. */
    private final class Entry implements TransactionSynchronization {

        private final OutboxRow row;
        private volatile int state = COMMITTING;
        /** Savepoints taken after the row was written: rolling back to one of them leaves the row. */
        private final List<Object> laterSavepoints = new ArrayList<>(0);
        private boolean undone;
        private boolean queued;
        private boolean counted;

        Entry(OutboxRow row) {
            this.row = row;
        }

        @Override
        public void savepoint(Object savepoint) {
            laterSavepoints.add(savepoint);
        }

        @Override
        public void savepointRollback(Object savepoint) {
            if (!laterSavepoints.contains(savepoint)) {
                undone = true; // the savepoint came before the row: the row is gone
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (undone) {
                return;
            }
            BlockingQueue<Entry> current = queue;
            if (current != null && current.offer(this)) {
                queued = true;
            } else {
                unqueuedCommitting.incrementAndGet();
                counted = true;
            }
        }

        @Override
        public void afterCompletion(int status) {
            if (queued) {
                if (status == STATUS_UNKNOWN) {
                    readWanted.set(true); // perhaps committed: the table says
                }
                state = status == STATUS_COMMITTED ? COMMITTED : ROLLED_BACK;
            } else if (counted) {
                if (status != STATUS_ROLLED_BACK) {
                    readWanted.set(true);
                }
                unqueuedCommitting.decrementAndGet();
            } else {
                return;
            }
            wakeUp();
        }
    }
}
