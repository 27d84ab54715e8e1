package dev.checkout.order;

import dev.checkout.order.saga.SagaEngine;
import dev.checkout.order.saga.SagaInstance;
import dev.checkout.platform.core.CrashPoints;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Crash points at every step boundary of a saga, for fault-injection tests: {@code saga.<step>.before-commit} when a
 * transition to {@code <step>} is made but not yet committed, {@code saga.<step>.after-commit} right after it commits
 * (and before the consumed message's offset is). {@code <step>} is where the saga now stands, or {@code end}.
 * No-ops unless armed.
 */
final class StepBoundaries {

    private StepBoundaries() {
    }

    static void reached(SagaEngine<?> engine, String orderId) {
        String step = engine.find(orderId).map(saga -> stepName(engine, saga)).orElse("end");
        CrashPoints.reach("saga." + step + ".before-commit");
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    CrashPoints.reach("saga." + step + ".after-commit");
                }
            });
        }
    }

    /** Placing an order commits the order, its saga and its first command together. */
    static void orderPlaced() {
        CrashPoints.reach("order.placed.before-commit");
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    CrashPoints.reach("order.placed.after-commit");
                }
            });
        }
    }

    private static String stepName(SagaEngine<?> engine, SagaInstance<?> saga) {
        return saga.status().isActive() ? engine.definition().steps().get(saga.stepIndex()).name() : "end";
    }
}
