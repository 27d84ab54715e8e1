package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A checkout left unpaid past its {@code expires_at}. Rather than wait out the fifteen minutes, the test moves the
 * checkout's deadline into the past, as the clock would.
 */
class CheckoutExpiryIT extends EndToEndTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCheckoutLeftPastItsTimeReleasesItsStockFreesTheCartAndRefusesPayment() {
        String product = fixtures.productWithStock("6.00", 4);
        ApiClient customer = fixtures.newCustomer();
        String cartId = Fixtures.cartWith(customer, product, 2);
        ApiResponse checkout = customer.post("/api/v1/checkouts", Map.of("cart_id", cartId, "shipping_address", Fixtures.address()));
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);
        assertThat(fixtures.reserved(product)).isEqualTo(2);
        jdbc.sql("update orders.checkouts set expires_at = now() - interval '1 second' where checkout_id = ?")
                .param(checkout.text("/checkout_id")).update();

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> fixtures.reserved(product) == 0);
        assertThat(fixtures.available(product)).isEqualTo(4);
        assertThat(customer.get("/api/v1/checkouts/" + checkout.text("/checkout_id")).text("/status")).isEqualTo("EXPIRED");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> customer.get("/api/v1/carts/" + cartId).text("/status"), "ACTIVE"::equals);

        ApiResponse pay = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/checkouts/" + checkout.text("/checkout_id") + "/pay", Fixtures.card("tok_visa"));
        assertThat(pay.status()).isEqualTo(409);
        assertThat(pay.code()).isEqualTo("checkout_expired");
        assertThat(customer.get("/api/v1/orders").json().path("orders")).isEmpty();
        String userId = customer.get("/api/v1/users/me").text("/user_id");
        assertThat(jdbc.sql("select count(*) from payment.payments where user_id = ?").param(userId).query(Integer.class).single())
                .as("nothing charged").isZero();
    }
}
