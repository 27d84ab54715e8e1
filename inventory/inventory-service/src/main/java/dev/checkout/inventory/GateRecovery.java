package dev.checkout.inventory;

import java.util.List;

import dev.checkout.inventory.GateConnection.GateUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brings this instance's gate back into use, every {@code checkout.inventory.gate.recovery-interval}: connects to Redis
 * when it is not connected, reconciles every counter after a start or an outage before the gate decides again, and
 * repairs the counters a reservation found wrong. Runs on every instance: whether the gate may be trusted is each
 * instance's own view of its connection.
 */
@Component
class GateRecovery {

    private static final Logger log = LoggerFactory.getLogger(GateRecovery.class);

    private final GateConnection connection;
    private final StockGate gate;
    private final GateReconciliation reconciliation;

    GateRecovery(GateConnection connection, StockGate gate, GateReconciliation reconciliation) {
        this.connection = connection;
        this.gate = gate;
        this.reconciliation = reconciliation;
    }

    @Scheduled(fixedDelayString = "${checkout.inventory.gate.recovery-interval:1s}")
    void recover() {
        if (!connection.connect()) {
            return;
        }
        if (!gate.isTrusted()) {
            long outage = gate.currentOutage();
            try {
                GateReconciliation.Summary summary = reconciliation.reconcileAll();
                gate.trustAfter(outage);
                log.info("inventory gate counters reconciled with PostgreSQL: {} counters, {} loaded, {} repaired ({} units)",
                        summary.counters(), summary.loaded(), summary.repaired(), summary.unitsCorrected());
            } catch (GateUnavailableException e) {
                log.debug("inventory gate still unavailable: {}", e.getMessage());
            }
            return;
        }
        List<CounterKey> repairs = gate.takeRepairs();
        if (!repairs.isEmpty()) {
            try {
                reconciliation.reconcile(repairs);
            } catch (GateUnavailableException e) {
                gate.repairSoon(repairs);
            }
        }
    }
}
