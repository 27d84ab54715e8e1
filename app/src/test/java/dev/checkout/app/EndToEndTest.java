package dev.checkout.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

import dev.checkout.gateway.GatewaySimulator;
import dev.checkout.gateway.RunningGatewaySimulator;
import dev.checkout.gateway.SimulatorClient;
import dev.checkout.gateway.SimulatorClient.LedgerCharge;
import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import dev.checkout.platform.testing.CheckoutIntegrationTest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The platform end to end through its public API: all services in one process on the run's shared servers, paying at
 * one gateway simulator, with the {@code end-to-end} profile's short times. Every end-to-end class extends this, so
 * the module has one Spring context: a second one would run a second set of consumers in the same groups, and a
 * command would be handled by whichever context holds its partition, with that context's settings. Each test starts
 * with a closed circuit breaker and ends with a healthy network.
 */
@CheckoutIntegrationTest(classes = CheckoutApplication.class, properties = {
        "checkout.admin.email=" + Fixtures.ADMIN_EMAIL, "checkout.admin.password=" + Fixtures.ADMIN_PASSWORD})
@ActiveProfiles("end-to-end")
abstract class EndToEndTest {

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

    @LocalServerPort
    int port;
    @Autowired
    CircuitBreakerRegistry breakers;

    ApiClient api;
    Fixtures fixtures;

    @BeforeEach
    void startWithAClosedBreaker() {
        api = ApiClient.atPort(port);
        fixtures = new Fixtures(api);
        breaker().reset();
    }

    @AfterEach
    void healTheNetwork() {
        SIMULATOR.clearFaults();
    }

    CircuitBreaker breaker() {
        return breakers.circuitBreaker("payment-gateway");
    }

    /** Places a direct order and returns its id, once the platform accepted it (202). */
    static String placeOrder(ApiClient customer, String productId, int quantity, String cardToken) {
        ApiResponse placed = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/orders", Fixtures.directOrder(productId, quantity, cardToken));
        if (placed.status() != 202) {
            throw new AssertionError("the order was not accepted: " + placed);
        }
        return placed.text("/order_id");
    }

    /** What the gateway's ledger holds for the order's charge (the platform's key for it is {@code <order>:charge}). */
    static List<LedgerCharge> chargesOf(String orderId) {
        return SIMULATOR.ledger().chargesWithKey(orderId + ":charge");
    }

    static long netAmountTakenFor(String orderId) {
        SimulatorClient.Ledger ledger = SIMULATOR.ledger();
        return ledger.chargesWithKey(orderId + ":charge").stream().mapToLong(ledger::netAmountOf).sum();
    }
}
