package dev.checkout.inventory;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.checkout.inventory.GateConnection.GateUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brings this instance's gate back into use, every {@code checkout.inventory.gate.recovery-interval}: connects to Redis
 * when it is not connected, reconciles every counter after a start or an outage before the gate decides again, and
 * repairs the counters a reservation found wrong. Runs on every instance: whether the gate may be trusted is each
 * instance's own view of its connection.
 * <p>
 * Inventory's commands wait for the first of these runs: a command redelivered after a crash between the Redis step
 * and the PostgreSQL step must meet the gate trusted, which finds the dead attempt's hold and gives it back before
 * holding again. Met by a gate not yet reconciled, it would reserve around the gate and leave that hold in flight
 * until the orphan sweep. If Redis cannot be reached at all, the commands start anyway and go around the gate.
 */
@Component
class GateRecovery {

    private static final Logger log = LoggerFactory.getLogger(GateRecovery.class);

    private final GateConnection connection;
    private final StockGate gate;
    private final GateRepairs repairs;
    private final GateReconciliation reconciliation;
    private final KafkaListenerEndpointRegistry listeners;
    private final AtomicBoolean commandsStarted = new AtomicBoolean();

    GateRecovery(GateConnection connection, StockGate gate, GateRepairs repairs, GateReconciliation reconciliation, KafkaListenerEndpointRegistry listeners) {
        this.connection = connection;
        this.gate = gate;
        this.repairs = repairs;
        this.reconciliation = reconciliation;
        this.listeners = listeners;
    }

    @Scheduled(fixedDelayString = "${checkout.inventory.gate.recovery-interval:1s}")
    void recover() {
        try {
            recoverGate();
        } finally {
            startCommandsOnce();
        }
    }

    /** After the first recovery attempt, whatever its outcome: trusted, or Redis out of reach (commands go around it). */
    private void startCommandsOnce() {
        if (commandsStarted.compareAndSet(false, true)) {
            MessageListenerContainer commands = listeners.getListenerContainer(ReservationCommands.LISTENER);
            if (commands != null) {
                commands.start();
            }
        }
    }

    private void recoverGate() {
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
        List<CounterKey> asked = repairs.take();
        if (!asked.isEmpty()) {
            try {
                reconciliation.reconcile(asked);
            } catch (GateUnavailableException e) {
                repairs.ask(asked);
            }
        }
    }
}
