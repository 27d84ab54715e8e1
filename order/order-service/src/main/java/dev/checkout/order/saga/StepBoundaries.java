package dev.checkout.order.saga;

import dev.checkout.platform.core.CrashPoints;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import dev.checkout.order.saga.engine.Sagas;

/**
 * Crash points at every step boundary of a saga, for fault-injection tests: {@code saga.<step>.before-commit} when a
 * transition to {@code <step>} is made but not yet committed, {@code saga.<step>.after-commit} right after it commits
 * (and before the consumed message's offset is). {@code <step>} is where the saga now stands, or {@code end}.
 * No-ops unless armed.
 */
public final class StepBoundaries {

    private StepBoundaries() {
    }

    static void reached(Sagas.Moved moved) {
        around("saga." + moved.position());
    }

    /** Placing an order commits the order, its saga and its first command together. */
    public static void orderPlaced() {
        around("order.placed");
    }

    private static void around(String point) {
        if (!CrashPoints.anyArmed()) {
            return;
        }
        CrashPoints.reach(point + ".before-commit");
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    CrashPoints.reach(point + ".after-commit");
                }
            });
        }
    }
}
