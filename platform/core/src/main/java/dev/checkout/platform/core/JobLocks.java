package dev.checkout.platform.core;

import java.time.Duration;
import java.util.function.IntSupplier;

import net.javacrumbs.shedlock.core.LockExtender;

/**
 * How the scheduled jobs hold their ShedLock: never long. Every job takes it for {@link #HOLD} at most and a job that
 * may run longer extends it as it goes ({@link #stillWorking()}), by another {@link #HOLD} each time. With the
 * platform's lock provider ({@link AdvisoryLockProvider}, a PostgreSQL advisory lock per job) the lock ends with its
 * holder's session, so a killed process blocks nobody; the hold is what a lock row would need, with any other provider.
 */
public final class JobLocks {

    /** The longest any job holds its lock without saying it is still at work; the value of every {@code lockAtMostFor}. */
    public static final String HOLD_TEXT = "PT20S";
    public static final Duration HOLD = Duration.parse(HOLD_TEXT);

    private JobLocks() {
    }

    /**
     * Extends the lock of the job this thread is running, between two pieces of its work. Harmless outside a locked
     * job (a test calling the job's method directly).
     */
    public static void stillWorking() {
        try {
            LockExtender.extendActiveLock(HOLD, Duration.ZERO);
        } catch (LockExtender.NoActiveLockException notLocked) {
            // run directly, not by the scheduler: there is no lock to extend
        }
    }

    /**
     * Runs a job's work one batch at a time until a batch does less than {@code size} (the work is drained), saying
     * the job is still at work before each; returns how much all the batches did.
     */
    public static int inBatches(int size, IntSupplier batch) {
        int total = 0;
        int done;
        do {
            stillWorking();
            done = batch.getAsInt();
            total += done;
        } while (done == size);
        return total;
    }
}
