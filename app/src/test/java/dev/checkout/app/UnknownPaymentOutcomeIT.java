package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * When the gateway charged but its answer never arrived, the order still ends one of two honest ways: CONFIRMED with
 * exactly that one charge, or FAILED with that charge refunded. Never charged twice, never failed while charged.
 */
class UnknownPaymentOutcomeIT extends EndToEndTest {

    @Test
    void anOrderWhoseChargeAnswerWasLostIsConfirmedWithThatChargeOnceTheGatewayAnswersAgain() {
        String product = fixtures.productWithStock("30.00", 3);
        ApiClient customer = fixtures.newCustomer();
        SIMULATOR.faults(Map.of("drop_response_after_commit_rate", 1));

        String orderId = placeOrder(customer, product, 1, "tok_visa");
        Awaitility.await("the charge committed at the gateway").atMost(Duration.ofSeconds(20)).until(() -> chargesOf(orderId).size() == 1);
        assertThat(customer.get("/api/v1/orders/" + orderId).text("/status")).isEqualTo("PENDING");
        SIMULATOR.clearFaults();

        ApiResponse order = Fixtures.awaitSettled(customer, orderId);
        assertThat(order.text("/status")).as(order.toString()).isEqualTo("CONFIRMED");
        assertThat(chargesOf(orderId)).singleElement().satisfies(charge -> assertThat(charge.id()).isEqualTo(order.text("/payment/transaction_id")));
        assertThat(fixtures.available(product)).isEqualTo(2);
    }

    @Test
    void anOrderWhosePaymentStaysUnknownPastTheSagaDeadlineFailsWithItsChargeRefundedAndItsStockReleased() {
        String product = fixtures.productWithStock("30.00", 3);
        ApiClient customer = fixtures.newCustomer();
        SIMULATOR.faults(Map.of("drop_response_after_commit_rate", 1));

        String orderId = placeOrder(customer, product, 1, "tok_visa");
        Awaitility.await("the saga gave up waiting and asked for a refund").atMost(Duration.ofSeconds(40))
                .until(() -> chargePaymentStep(customer, orderId), "COMPENSATING"::equals);
        assertThat(chargesOf(orderId)).singleElement().satisfies(charge -> assertThat(charge.succeeded()).isTrue());
        SIMULATOR.clearFaults();

        ApiResponse order = Fixtures.awaitSettled(customer, orderId);
        assertThat(order.text("/status")).as(order.toString()).isEqualTo("FAILED");
        assertThat(order.text("/failure_reason")).isEqualTo("payment_unavailable");
        assertThat(chargesOf(orderId)).hasSize(1);
        assertThat(netAmountTakenFor(orderId)).isZero();
        assertThat(fixtures.available(product)).isEqualTo(3);
    }

    @Test
    void withAThirdOfAnswersLostEveryOrderIsConfirmedWithOneChargeOrFailedWithNothingTaken() {
        String product = fixtures.productWithStock("4.00", 50);
        ApiClient customer = fixtures.newCustomer();
        SIMULATOR.faults(Map.of("drop_response_after_commit_rate", 0.3));

        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            orders.add(placeOrder(customer, product, 1, "tok_visa"));
        }

        int confirmed = 0;
        for (String orderId : orders) {
            ApiResponse order = Fixtures.awaitSettled(customer, orderId);
            if ("CONFIRMED".equals(order.text("/status"))) {
                confirmed++;
                assertThat(chargesOf(orderId)).singleElement()
                        .satisfies(charge -> assertThat(charge.id()).isEqualTo(order.text("/payment/transaction_id")));
            } else {
                assertThat(order.text("/status")).as(order.toString()).isEqualTo("FAILED");
                assertThat(netAmountTakenFor(orderId)).isZero();
            }
        }
        assertThat(fixtures.available(product)).isEqualTo(50 - confirmed);
    }

    static String chargePaymentStep(ApiClient customer, String orderId) {
        for (var step : customer.get("/api/v1/orders/" + orderId).json().path("saga_steps")) {
            if ("charge_payment".equals(step.path("step").asString())) {
                return step.path("status").asString();
            }
        }
        return null;
    }
}
