package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A gateway that answers every request with 503: retries give up, the circuit breaker opens, and from then on
 * checkouts fail fast with {@code payment_unavailable} without reaching the gateway, and give their stock back. Once
 * the gateway is healthy, the breaker's probes close it and checkouts succeed again.
 */
class GatewayOutageIT extends EndToEndTest {

    @Test
    void aDownGatewayOpensTheBreakerSoCheckoutsFailFastAndARecoveredOneClosesItAgain() {
        String product = fixtures.productWithStock("15.00", 10);
        ApiClient customer = fixtures.newCustomer();
        SIMULATOR.faults(Map.of("error_rate", 1));

        // Each failed payment is three calls (two retries); the test profile's breaker judges after five.
        for (int order = 0; order < 4 && breaker().getState() == CircuitBreaker.State.CLOSED; order++) {
            assertThatOrderFailsAsUnavailable(customer, product);
        }
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        long requestsWhenOpened = SIMULATOR.requests().charges();
        for (int i = 0; i < 2; i++) {
            assertThatOrderFailsAsUnavailable(customer, product);
        }
        assertThat(breaker().getState()).as("still within the open period").isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(SIMULATOR.requests().charges()).as("charge requests reaching the gateway while the breaker is open")
                .isEqualTo(requestsWhenOpened);
        assertThat(fixtures.available(product)).isEqualTo(10);

        SIMULATOR.clearFaults();
        Awaitility.await("the breaker lets probes through").atMost(Duration.ofSeconds(20))
                .until(() -> breaker().getState() == CircuitBreaker.State.HALF_OPEN);
        for (int i = 0; i < 2; i++) {
            assertThat(Fixtures.awaitSettled(customer, placeOrder(customer, product, 1, "tok_visa")).text("/status")).isEqualTo("CONFIRMED");
        }
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(Fixtures.awaitSettled(customer, placeOrder(customer, product, 1, "tok_visa")).text("/status")).isEqualTo("CONFIRMED");
        assertThat(fixtures.available(product)).isEqualTo(7);
    }

    private static void assertThatOrderFailsAsUnavailable(ApiClient customer, String product) {
        ApiResponse order = Fixtures.awaitSettled(customer, placeOrder(customer, product, 1, "tok_visa"));
        assertThat(order.text("/status")).as(order.toString()).isEqualTo("FAILED");
        assertThat(order.text("/failure_reason")).isEqualTo("payment_unavailable");
    }
}
