package dev.checkout.inventory;

import dev.checkout.platform.core.JobLocks;
import dev.checkout.inventory.GateConnection.GateUnavailableException;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The reconciliation job: every {@code checkout.inventory.gate.reconciliation-interval}, on one instance at a time,
 * gives back orphaned holds and repairs every counter that drifted from PostgreSQL (metrics
 * {@code checkout.inventory.gate.repairs}, {@code .drift}, {@code .orphans}, and a log line per repair).
 */
@Component
class GateReconciliationJob {

    private static final Logger log = LoggerFactory.getLogger(GateReconciliationJob.class);

    private final StockGate gate;
    private final GateReconciliation reconciliation;

    GateReconciliationJob(StockGate gate, GateReconciliation reconciliation) {
        this.gate = gate;
        this.reconciliation = reconciliation;
    }

    @Scheduled(fixedDelayString = "${checkout.inventory.gate.reconciliation-interval:PT1M}",
            initialDelayString = "${checkout.inventory.gate.reconciliation-interval:PT1M}")
    @SchedulerLock(name = "inventory-gate-reconciliation", lockAtMostFor = JobLocks.HOLD_TEXT)
    void reconcile() {
        if (!gate.isTrusted()) {
            log.debug("inventory gate reconciliation skipped: the gate is recovering and reconciles on its own");
            return;
        }
        try {
            int orphans = reconciliation.releaseOrphans();
            GateReconciliation.Summary summary = reconciliation.reconcileAll();
            if (orphans > 0 || summary.repaired() > 0) {
                log.warn("inventory gate reconciliation: {} counters, {} repaired ({} units), {} orphaned holds given back",
                        summary.counters(), summary.repaired(), summary.unitsCorrected(), orphans);
            } else {
                log.debug("inventory gate reconciliation: {} counters, all in sync", summary.counters());
            }
        } catch (GateUnavailableException e) {
            log.info("inventory gate reconciliation skipped: Redis unavailable ({})", e.getMessage());
        }
    }
}
