package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each test card token of docs/api.md gives its outcome end to end, through the checkout saga. */
class PaymentOutcomesIT extends EndToEndTest {

    @ParameterizedTest(name = "{0} confirms the order with its one charge")
    @CsvSource({"tok_visa", "tok_mastercard", "tok_slow", "tok_timeout"})
    void aCardThatPaysConfirmsTheOrderWithItsOneChargeAsTransaction(String token) {
        String product = fixtures.productWithStock("12.50", 5);
        ApiClient customer = fixtures.newCustomer();

        ApiResponse order = Fixtures.awaitSettled(customer, placeOrder(customer, product, 2, token));

        assertThat(order.text("/status")).as(order.toString()).isEqualTo("CONFIRMED");
        assertThat(new BigDecimal(order.text("/subtotal"))).isEqualByComparingTo("25.00");
        assertThat(chargesOf(order.text("/order_id"))).singleElement().satisfies(charge -> {
            assertThat(charge.id()).isEqualTo(order.text("/payment/transaction_id"));
            assertThat(charge.amount()).as("the order's total, tax and shipping included, in cents")
                    .isEqualTo(new BigDecimal(order.text("/total_amount")).movePointRight(2).longValueExact());
            assertThat(charge.succeeded()).isTrue();
        });
        assertThat(fixtures.available(product)).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0} fails the order with {1} and gives the stock back")
    @CsvSource({"tok_chargeDeclined, payment_declined", "tok_insufficient_funds, insufficient_funds",
            "tok_gateway_error, payment_unavailable"})
    void aCardThatCannotPayFailsTheOrderWithItsReasonTakesNoMoneyAndReleasesTheStock(String token, String reason) {
        String product = fixtures.productWithStock("9.99", 4);
        ApiClient customer = fixtures.newCustomer();

        ApiResponse order = Fixtures.awaitSettled(customer, placeOrder(customer, product, 1, token));

        assertThat(order.text("/status")).as(order.toString()).isEqualTo("FAILED");
        assertThat(order.text("/failure_reason")).isEqualTo(reason);
        assertThat(netAmountTakenFor(order.text("/order_id"))).isZero();
        assertThat(fixtures.available(product)).isEqualTo(4);
    }
}
