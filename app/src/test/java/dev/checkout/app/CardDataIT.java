package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PCI: of a card, only the gateway's token, the brand and the last four digits are ever stored or logged. Orders go
 * through every outcome (paid, declined, answer late, answer lost) and a client tries to pay with a raw
 * card number; then the logs and every payment table are searched for anything that looks like a full card number.
 */
@ExtendWith(OutputCaptureExtension.class)
class CardDataIT extends EndToEndTest {

    static final String CARD_NUMBER = "4242 4242 4242 4242";

    @Autowired
    JdbcClient jdbc;

    @Test
    void noFullCardNumberIsEverLoggedOrStoredWhateverHappensToThePayment(CapturedOutput output) {
        String product = fixtures.productWithStock("11.00", 20);
        ApiClient customer = fixtures.newCustomer();
        List<String> orders = new ArrayList<>();
        for (String token : List.of("tok_visa", "tok_mastercard", "tok_chargeDeclined", "tok_insufficient_funds", "tok_timeout")) {
            orders.add(placeOrder(customer, product, 1, token));
        }
        orders.forEach(orderId -> Fixtures.awaitSettled(customer, orderId));
        SIMULATOR.faults(Map.of("drop_response_after_commit_rate", 1));
        String lostAnswer = placeOrder(customer, product, 1, "tok_visa");
        Awaitility.await().until(() -> chargesOf(lostAnswer).size() == 1);
        SIMULATOR.clearFaults();
        orders.add(lostAnswer);

        ApiResponse rawCardNumber = customer.withHeader("Idempotency-Key", "card-number-" + lostAnswer)
                .post("/api/v1/orders", Fixtures.directOrder(product, 1, CARD_NUMBER));
        assertThat(rawCardNumber.status()).isEqualTo(400);
        Fixtures.awaitSettled(customer, lostAnswer);

        assertThat(CardNumberScanner.cardNumbersIn(CARD_NUMBER)).as("the scanner finds what it looks for").isNotEmpty();
        assertThat(output.getAll()).as("the log of this test").contains(lostAnswer);
        assertThat(CardNumberScanner.cardNumbersIn(output.getAll())).as("card numbers in the log").isEmpty();
        assertThat(paymentTables()).isNotEmpty().allSatisfy(table ->
                assertThat(CardNumberScanner.cardNumbersIn(rowsOf(table))).as("card numbers in payment." + table).isEmpty());
        assertThat(jdbc.sql("select card_token || ' ' || coalesce(card_brand, '') || ' ' || coalesce(card_last4, '') from payment.payments where order_id = :order")
                .param("order", orders.getFirst()).query(String.class).single()).isEqualTo("tok_visa visa 4242");
    }

    private List<String> paymentTables() {
        return jdbc.sql("select table_name from information_schema.tables where table_schema = 'payment' and table_type = 'BASE TABLE'")
                .query(String.class).list();
    }

    /** Every row of the table as JSON text; table names come from the catalog, never from input. */
    private String rowsOf(String table) {
        return String.join("\n", jdbc.sql("select row_to_json(t)::text from payment.\"" + table + "\" t").query(String.class).list());
    }
}
