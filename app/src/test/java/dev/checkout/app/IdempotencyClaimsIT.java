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
 * What happens to an Idempotency-Key whose request died between claiming it and placing its order (a crash of the
 * order service, or of the client's connection): the claim is written here as such a request leaves it.
 */
class IdempotencyClaimsIT extends EndToEndTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRetryWhileTheFirstRequestMayStillBeRunningIsTold409() {
        ApiClient customer = fixtures.newCustomer();
        String key = UUID.randomUUID().toString();
        claimAsADeadRequest(customer, key, "order_" + UUID.randomUUID().toString().replace("-", ""), null, "now() + interval '1 minute'");

        ApiResponse retry = customer.withHeader("Idempotency-Key", key).post("/api/v1/orders",
                Fixtures.directOrder(fixtures.productWithStock("5.00", 1), 1, "tok_visa"));

        assertThat(retry.status()).as(retry.toString()).isEqualTo(409);
        assertThat(retry.code()).isEqualTo("request_in_progress");
    }

    @Test
    void aRetryAfterTheLeaseTakesTheKeyOverAndPlacesTheOrderUnderTheIdTheDeadRequestHeldTheCartFor() {
        String product = fixtures.productWithStock("6.00", 3);
        ApiClient customer = fixtures.newCustomer();
        String cartId = Fixtures.cartWith(customer, product, 1);
        String orderId = "order_" + UUID.randomUUID().toString().replace("-", "");
        // The dead request got as far as holding the cart for its order.
        assertThat(customer.post("/api/v1/carts/" + cartId + "/checkout", Map.of("holder_id", orderId)).status()).isEqualTo(200);
        String key = UUID.randomUUID().toString();
        claimAsADeadRequest(customer, key, orderId, cartId, "now() - interval '1 second'");

        ApiResponse retry = customer.withHeader("Idempotency-Key", key).post("/api/v1/orders/checkout",
                Map.of("cart_id", cartId, "shipping_address", Fixtures.address(), "payment_method", Map.of("type", "card", "card_token", "tok_visa")));

        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        assertThat(retry.text("/order_id")).isEqualTo(orderId);
        assertThat(Fixtures.awaitSettled(customer, orderId).text("/status")).isEqualTo("CONFIRMED");
        ApiResponse again = customer.withHeader("Idempotency-Key", key).post("/api/v1/orders/checkout",
                Map.of("cart_id", cartId, "shipping_address", Fixtures.address(), "payment_method", Map.of("type", "card", "card_token", "tok_visa")));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.text("/order_id")).isEqualTo(orderId);
        assertThat(fixtures.available(product)).isEqualTo(2);
    }

    @Test
    void aClaimNobodyCameBackForIsEndedAndLetsGoOfTheCartItsRequestHeld() {
        String product = fixtures.productWithStock("7.00", 3);
        ApiClient customer = fixtures.newCustomer();
        String cartId = Fixtures.cartWith(customer, product, 1);
        String orderId = "order_" + UUID.randomUUID().toString().replace("-", "");
        assertThat(customer.post("/api/v1/carts/" + cartId + "/checkout", Map.of("holder_id", orderId)).status()).isEqualTo(200);
        String key = UUID.randomUUID().toString();
        claimAsADeadRequest(customer, key, orderId, cartId, "now() - interval '1 hour'");

        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> customer.get("/api/v1/carts/" + cartId).text("/status"), "ACTIVE"::equals);
        assertThat(jdbc.sql("select count(*) from orders.idempotency_keys where idempotency_key = ?").param(key)
                .query(Integer.class).single()).isZero();
        assertThat(customer.get("/api/v1/orders/" + orderId).status()).isEqualTo(404);
    }

    /** The row a request leaves when it dies after claiming its key: no response, a lease ending at {@code leaseEnd}. */
    private void claimAsADeadRequest(ApiClient customer, String key, String orderId, String cartId, String leaseEnd) {
        String userId = customer.get("/api/v1/users/me").text("/user_id");
        jdbc.sql("insert into orders.idempotency_keys (user_id, idempotency_key, request_hash, claim_id, locked_until, resource_id,"
                        + " cart_id, expires_at) values (?, ?, 'hash of the dead request', 'claim_dead', " + leaseEnd + ", ?, ?,"
                        + " now() + interval '1 day')")
                .params(userId, key, orderId, cartId).update();
    }
}
