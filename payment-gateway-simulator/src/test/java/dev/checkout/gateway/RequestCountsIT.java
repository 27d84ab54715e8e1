package dev.checkout.gateway;

import static dev.checkout.gateway.GatewayClient.charge;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** {@code GET /sim/requests} counts every charge and refund request that reached the simulator, faults included. */
class RequestCountsIT {

    @TempDir
    static Path dataDirectory;

    static RunningGatewaySimulator simulator;
    static GatewayClient gateway;

    @BeforeAll
    static void start() {
        simulator = GatewaySimulator.start(0, dataDirectory);
        gateway = new GatewayClient(simulator.baseUrl());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void everyWritingRequestIsCountedEvenOnesAFaultAnswered() throws Exception {
        JsonNode before = gateway.get("/sim/requests").json();

        String charged = gateway.charge(UUID.randomUUID().toString(), charge(500, "tok_visa")).json().path("id").asString();
        gateway.charge(UUID.randomUUID().toString(), charge(500, "tok_gateway_error"));
        gateway.faults("{\"error_rate\":1}");
        gateway.charge(UUID.randomUUID().toString(), charge(500, "tok_visa"));
        gateway.clearFaults();
        gateway.refund(UUID.randomUUID().toString(), "{\"charge\":\"" + charged + "\",\"amount\":100}");
        gateway.get("/v1/ledger");

        JsonNode after = gateway.get("/sim/requests").json();
        assertThat(after.path("charges").asLong() - before.path("charges").asLong()).isEqualTo(3);
        assertThat(after.path("refunds").asLong() - before.path("refunds").asLong()).isEqualTo(1);
    }
}
