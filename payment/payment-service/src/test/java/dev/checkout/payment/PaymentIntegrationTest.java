package dev.checkout.payment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

import dev.checkout.gateway.GatewaySimulator;
import dev.checkout.gateway.RunningGatewaySimulator;
import dev.checkout.gateway.SimulatorClient;
import dev.checkout.gateway.SimulatorClient.LedgerCharge;
import dev.checkout.platform.testing.CheckoutIntegrationTest;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The payment service alone, on the shared servers, against one gateway simulator for the whole test run (so every
 * test class shares one Spring context: a second context's payment consumers would answer to another gateway). Each
 * test starts with a closed circuit breaker and ends with a healthy network.
 */
@CheckoutIntegrationTest(classes = PaymentTestApplication.class)
abstract class PaymentIntegrationTest {

    static final RunningGatewaySimulator GATEWAY = startGateway();
    static final SimulatorClient SIMULATOR = new SimulatorClient(GATEWAY.baseUrl());

    private static RunningGatewaySimulator startGateway() {
        try {
            RunningGatewaySimulator gateway = GatewaySimulator.start(0, Files.createTempDirectory("gateway-"));
            Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "test-gateway-stop"));
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("checkout.payment.gateway-url", GATEWAY::baseUrl);
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CircuitBreakerRegistry breakers;

    PaymentTraffic traffic;

    @BeforeEach
    void startWithAClosedBreaker() {
        traffic = new PaymentTraffic();
        breakers.circuitBreaker(PaymentGateway.RESILIENCE).reset();
    }

    @AfterEach
    void healTheNetwork() {
        SIMULATOR.clearFaults();
        traffic.close();
    }

    static List<LedgerCharge> chargesOf(String orderId) {
        return SIMULATOR.ledger().chargesWithKey(orderId + ":charge");
    }

    String statusOf(String orderId) {
        return jdbc.sql("select status from payment.payments where order_id = :order").param("order", orderId)
                .query(String.class).optional().orElse(null);
    }
}
