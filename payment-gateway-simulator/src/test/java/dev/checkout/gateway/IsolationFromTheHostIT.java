package dev.checkout.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/**
 * Started in-process, the simulator is immune to the host: the host's properties, environment post-processors,
 * listeners and initializers on the shared classpath ({@link HostileHost}, {@code src/test/resources}) never reach
 * it, and it leaves the host's logging as it found it.
 */
class IsolationFromTheHostIT {

    @TempDir
    Path dataDirectory;

    @Test
    void theHostsPropertiesListenersAndInitializersNeverReachTheSimulator() throws Exception {
        try (RunningGatewaySimulator simulator = GatewaySimulator.start(0, dataDirectory)) {
            GatewayClient gateway = new GatewayClient(simulator.baseUrl());

            GatewayClient.Reply ledger = gateway.get(GatewayClient.LEDGER);

            assertThat(ledger.status()).isEqualTo(200);
            assertThat(ledger.json().has("charges")).isTrue();
            assertThat(gateway.charge(null, GatewayClient.charge(100, "tok_visa")).json().has("source_last4"))
                    .isTrue();
        }
        assertThat(HostileHost.reachedTheSimulator).isEmpty();
    }

    @Test
    void startingAndClosingTheSimulatorLeavesTheHostsLoggingAlone() {
        Logger hostLogger = (Logger) LoggerFactory.getLogger("dev.checkout.host");
        hostLogger.setLevel(Level.TRACE);

        try (RunningGatewaySimulator simulator = GatewaySimulator.start(0, dataDirectory)) {
            assertThat(hostLogger.getLevel()).isEqualTo(Level.TRACE);
        }

        assertThat(hostLogger.getLevel()).isEqualTo(Level.TRACE);
        assertThat(hostLogger.getLoggerContext().isStarted()).isTrue();
    }
}
