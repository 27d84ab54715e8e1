package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.checkout.gateway.SimulatorClient.LedgerCharge;
import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reconciliation jobs repair what the saga would have, had a message been lost or a row been changed by hand:
 * each test leaves the state such a loss leaves, and watches the job (every two seconds under this profile) settle it.
 */
class ReconciliationIT extends EndToEndTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aGatewayChargeNoPaymentOfOursMadeIsRefundedInFull() {
        String key = "stray-" + UUID.randomUUID();
        ApiResponse charged = ApiClient.at(GATEWAY.baseUrl()).withHeader("Idempotency-Key", key).post("/v1/charges",
                Map.of("amount", 1234, "currency", "usd", "source", "tok_visa", "metadata", Map.of("order_id", "order_nobody_placed")));
        assertThat(charged.status()).as(charged.toString()).isEqualTo(200);

        LedgerCharge charge = SIMULATOR.ledger().chargesWithKey(key).getFirst();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> SIMULATOR.ledger().netAmountOf(charge) == 0);
        assertThat(SIMULATOR.ledger().refundsOf(charge.id())).singleElement()
                .satisfies(refund -> assertThat(refund.amount()).isEqualTo(1234));
    }

    @Test
    void aCapturedPaymentForAnOrderTheOrderServiceDoesNotHaveIsRefundedThroughItsRefunds() {
        String orderId = "order_" + UUID.randomUUID().toString().replace("-", "");
        String key = orderId + ":charge";
        ApiResponse charged = ApiClient.at(GATEWAY.baseUrl()).withHeader("Idempotency-Key", key).post("/v1/charges",
                Map.of("amount", 2500, "currency", "usd", "source", "tok_visa", "metadata", Map.of("order_id", orderId)));
        jdbc.sql("""
                        insert into payment.payments (payment_id, order_id, amount, currency, method_type, card_token, idempotency_key,
                            gateway_charge_id, status)
                        values (?, ?, 25.00, 'USD', 'card', 'tok_visa', ?, ?, 'CAPTURED')""")
                .params("pay_" + UUID.randomUUID().toString().replace("-", ""), orderId, key, charged.text("/id")).update();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "REFUNDED".equals(paymentStatus(orderId)));
        assertThat(jdbc.sql("select reason || ' ' || status from payment.refunds where order_id = ?").param(orderId)
                .query(String.class).list()).containsExactly("reconciliation PROCESSED");
        assertThat(SIMULATOR.ledger().netAmountOf(SIMULATOR.ledger().chargesWithKey(key).getFirst())).isZero();
    }

    @Test
    void aConfirmedOrdersChargeIsLeftAlone() {
        String product = fixtures.productWithStock("4.00", 2);
        ApiClient customer = fixtures.newCustomer();
        String orderId = placeOrder(customer, product, 1, "tok_visa");
        assertThat(Fixtures.awaitSettled(customer, orderId).text("/status")).isEqualTo("CONFIRMED");

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from payment.reconciled_charges where order_id = ? and outcome = 'MATCHED'")
                .param(orderId).query(Integer.class).single() == 1);
        assertThat(netAmountTakenFor(orderId)).isPositive();
        assertThat(paymentStatus(orderId)).isEqualTo("CAPTURED");
    }

    @Test
    void aReservationWhoseCheckoutFailedWithoutLettingItGoIsReleased() {
        String product = fixtures.productWithStock("3.00", 5);
        ApiClient customer = fixtures.newCustomer();
        String cartId = Fixtures.cartWith(customer, product, 2);
        ApiResponse checkout = customer.post("/api/v1/checkouts", Map.of("cart_id", cartId, "shipping_address", Fixtures.address()));
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);
        assertThat(fixtures.reserved(product)).isEqualTo(2);

        // The checkout ended without its ReleaseStock ever being sent.
        jdbc.sql("update orders.checkouts set status = 'FAILED' where checkout_id = ?").param(checkout.text("/checkout_id")).update();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> fixtures.reserved(product) == 0);
        assertThat(fixtures.available(product)).isEqualTo(5);
    }

    private String paymentStatus(String orderId) {
        return jdbc.sql("select status from payment.payments where order_id = ?").param(orderId).query(String.class).optional().orElse(null);
    }
}
