package dev.checkout.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulator's settings.
 *
 * @param dataDir            where {@code ledger.jsonl} lives; the same directory after a restart keeps every charge
 * @param timeoutTokenDelay  how long {@code tok_timeout} holds its answer after the charge is committed
 * @param slowTokenDelay     how long {@code tok_slow} holds its answer after the charge is committed
 */
@ConfigurationProperties("simulator")
record SimulatorProperties(
        Path dataDir,
        @DefaultValue("30s") Duration timeoutTokenDelay,
        @DefaultValue("2s") Duration slowTokenDelay) {

    SimulatorProperties {
        Objects.requireNonNull(dataDir, "simulator.data-dir is required");
        if (timeoutTokenDelay.isNegative() || slowTokenDelay.isNegative()) {
            throw new IllegalArgumentException("token delays cannot be negative");
        }
    }
}
