package dev.checkout.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;

/**
 * Puts the fault switches between the caller and the gateway for the two writing endpoints. The order follows what
 * can go wrong on a real network: a slow link, a connection lost before the gateway acted, a gateway that refuses,
 * and after the money moved, an answer lost or garbled on its way back.
 */
@Component
final class NetworkFaults {

    private final FaultSwitches switches;
    private final ConnectionDrop connections;
    private final Pauses pauses;
    private final JsonBodies bodies;

    NetworkFaults(FaultSwitches switches, ConnectionDrop connections, Pauses pauses, JsonBodies bodies) {
        this.switches = switches;
        this.connections = connections;
        this.pauses = pauses;
        this.bodies = bodies;
    }

    /**
     * Answers with what {@code handling} returns, unless a fault strikes. Errors {@code handling} throws (bad
     * parameters, 503s) recorded nothing and go to {@link ErrorHandling} untouched.
     */
    void answer(HttpServletRequest request, HttpServletResponse response, Supplier<RecordedAnswer> handling)
            throws IOException {
        Faults faults = switches.current();
        pauses.pause(Duration.ofMillis(faults.latencyMs()));
        if (pauses.stopping() || FaultSwitches.strikes(faults.resetRate())) {
            connections.drop(request);
            return;
        }
        if (FaultSwitches.strikes(faults.errorRate())) {
            throw ApiError.gatewayUnavailable();
        }
        RecordedAnswer answer = handling.get();
        // A simulator going down mid-request behaves like a crash: whatever was held back is never answered.
        if (pauses.stopping() || FaultSwitches.strikes(faults.dropResponseAfterCommitRate())) {
            connections.drop(request);
            return;
        }
        if (FaultSwitches.strikes(faults.malformedRate())) {
            bodies.writeMalformed(response, answer);
            return;
        }
        bodies.write(response, answer);
    }
}
