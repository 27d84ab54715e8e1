package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What happens to an Idempotency-Key whose request died between claiming it and placing its order (a crash of the
 * order service, or of the client's connection): the claim is written here as such a request leaves it.
 */
class IdempotencyClaimsIT extends EndToEndTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Test
    void aRetryWhileTheFirstRequestMayStillBeRunningIsTold409() {
        ApiClient customer = fixtures.newCustomer();
        String product = fixtures.productWithStock("5.00", 1);
        String key = UUID.randomUUID().toString();
        claimAsADeadRequest(customer, key, directOrderHash(product), "order_" + UUID.randomUUID().toString().replace("-", ""), null,
                "now() + interval '1 minute'");

        ApiResponse retry = customer.withHeader("Idempotency-Key", key).post("/api/v1/orders", Fixtures.directOrder(product, 1, "tok_visa"));

        assertThat(retry.status()).as(retry.toString()).isEqualTo(409);
        assertThat(retry.code()).isEqualTo("request_in_progress");
    }

    @Test
    void anotherRequestUnderAKeyWhoseFirstRequestDiedIsRefusedAndTakesNothingOver() {
        DeadRequest dead = deadCartOrder("6.00", "now() - interval '1 second'");
        ApiClient customer = dead.customer();
        String cartId = dead.cartId();
        String orderId = dead.orderId();
        String key = dead.key();

        ApiResponse other = customer.withHeader("Idempotency-Key", key).post("/api/v1/orders/checkout",
                Map.of("cart_id", cartId, "shipping_address", Fixtures.address(), "payment_method", Map.of("type", "card", "card_token", "tok_mastercard")));

        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("idempotency_key_reused");
        assertThat(customer.get("/api/v1/orders/" + orderId).status()).as("no order under the dead request's id").isEqualTo(404);
        assertThat(jdbc.sql("select resource_id from orders.idempotency_keys where idempotency_key = ?").param(key)
                .query(String.class).single()).as("the claim is still the dead request's").isEqualTo(orderId);
    }

    @Test
    void aRetryAfterTheLeaseTakesTheKeyOverAndPlacesTheOrderUnderTheIdTheDeadRequestHeldTheCartFor() {
        DeadRequest dead = deadCartOrder("6.00", "now() - interval '1 second'");
        ApiClient customer = dead.customer();
        String cartId = dead.cartId();
        String orderId = dead.orderId();
        String key = dead.key();

        ApiResponse retry = customer.withHeader("Idempotency-Key", key).post("/api/v1/orders/checkout",
                Map.of("cart_id", cartId, "shipping_address", Fixtures.address(), "payment_method", Map.of("type", "card", "card_token", "tok_visa")));

        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        assertThat(retry.text("/order_id")).isEqualTo(orderId);
        assertThat(Fixtures.awaitSettled(customer, orderId).text("/status")).isEqualTo("CONFIRMED");
        ApiResponse again = customer.withHeader("Idempotency-Key", key).post("/api/v1/orders/checkout",
                Map.of("cart_id", cartId, "shipping_address", Fixtures.address(), "payment_method", Map.of("type", "card", "card_token", "tok_visa")));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.text("/order_id")).isEqualTo(orderId);
        assertThat(fixtures.available(dead.product())).isEqualTo(2);
    }

    @Test
    void aClaimNobodyCameBackForIsEndedAndLetsGoOfTheCartItsRequestHeld() {
        DeadRequest dead = deadCartOrder("7.00", "now() - interval '1 hour'");
        ApiClient customer = dead.customer();
        String cartId = dead.cartId();
        String orderId = dead.orderId();
        String key = dead.key();

        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> customer.get("/api/v1/carts/" + cartId).text("/status"), "ACTIVE"::equals);
        assertThat(jdbc.sql("select count(*) from orders.idempotency_keys where idempotency_key = ?").param(key)
                .query(Integer.class).single()).isZero();
        assertThat(customer.get("/api/v1/orders/" + orderId).status()).isEqualTo(404);
    }

    /** A request to order a cart that claimed its key, held the cart for its order, and died. */
    private record DeadRequest(ApiClient customer, String product, String cartId, String orderId, String key) {
    }

    private DeadRequest deadCartOrder(String price, String leaseEnd) {
        String product = fixtures.productWithStock(price, 3);
        ApiClient customer = fixtures.newCustomer();
        String cartId = Fixtures.cartWith(customer, product, 1);
        String orderId = "order_" + UUID.randomUUID().toString().replace("-", "");
        // The dead request got as far as holding the cart for its order.
        assertThat(customer.post("/api/v1/carts/" + cartId + "/checkout", Map.of("holder_id", orderId)).status()).isEqualTo(200);
        String key = UUID.randomUUID().toString();
        claimAsADeadRequest(customer, key, cartOrderHash(cartId, "tok_visa"), orderId, cartId, leaseEnd);
        return new DeadRequest(customer, product, cartId, orderId, key);
    }

    /** The row a request leaves when it dies after claiming its key: no response, a lease ending at {@code leaseEnd}. */
    private void claimAsADeadRequest(ApiClient customer, String key, String requestHash, String orderId, String cartId, String leaseEnd) {
        String userId = customer.get("/api/v1/users/me").text("/user_id");
        jdbc.sql("insert into orders.idempotency_keys (user_id, idempotency_key, request_hash, claim_id, locked_until, resource_id,"
                        + " cart_id, expires_at) values (?, ?, ?, 'claim_dead', " + leaseEnd + ", ?, ?, now() + interval '1 day')")
                .params(userId, key, requestHash, orderId, cartId).update();
    }

    /**
     * What the order service keys a request's content by: the SHA-256 of its method, path and body as the service
     * reads it (every field of the request, absent ones as null, in the contract's order).
     */
    private String requestHash(String method, String path, Map<String, Object> body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((method + " " + path + "\n" + json.writeValueAsString(body))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String cartOrderHash(String cartId, String cardToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cart_id", cartId);
        body.put("shipping_address", addressAsRead());
        body.put("payment_method", paymentAsRead(cardToken));
        body.put("coupon_code", null);
        return requestHash("POST", "/api/v1/orders/checkout", body);
    }

    private String directOrderHash(String productId) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("product_id", productId);
        item.put("variant_id", null);
        item.put("quantity", 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", List.of(item));
        body.put("shipping_address", addressAsRead());
        body.put("payment_method", paymentAsRead("tok_visa"));
        return requestHash("POST", "/api/v1/orders", body);
    }

    private static Map<String, Object> addressAsRead() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("name", null);
        address.put("street", "1 Main St");
        address.put("city", "Springfield");
        address.put("state", null);
        address.put("zip", "62701");
        address.put("country", "US");
        return address;
    }

    private static Map<String, Object> paymentAsRead(String cardToken) {
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("type", "card");
        payment.put("card_token", cardToken);
        return payment;
    }
}
