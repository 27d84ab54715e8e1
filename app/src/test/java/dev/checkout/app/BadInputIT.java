package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.junit.jupiter.api.Test;

/** Bad input the review found answered with a 500 (or a 503): each is now a 4xx problem, and changes nothing. */
class BadInputIT extends EndToEndTest {

    @Test
    void theLargestIntegerAddedToAnExistingCartLineIsRefusedAndTheLineKeepsItsQuantity() {
        ApiClient customer = fixtures.newCustomer();
        String productId = fixtures.productWithStock("2.00", 10);
        String cartId = Fixtures.cartWith(customer, productId, 1);

        ApiResponse added = customer.post("/api/v1/carts/" + cartId + "/items", Map.of("product_id", productId, "quantity", Integer.MAX_VALUE));

        assertThat(added.status()).as(added.toString()).isEqualTo(422);
        assertThat(added.code()).isEqualTo("quantity_limit_exceeded");
        assertThat(customer.get("/api/v1/carts/" + cartId).json().path("items").get(0).path("quantity").asInt()).isEqualTo(1);
    }

    @Test
    void aPageBeyondAThirtyTwoBitOffsetIsABadRequestOnEveryPagedEndpoint() {
        ApiClient admin = fixtures.admin();
        for (String path : List.of("/api/v1/orders", "/api/v1/admin/dead-letters", "/api/v1/admin/sagas")) {
            ApiResponse page = admin.get(path + "?page=21474838&limit=100");
            assertThat(page.status()).as(path + " " + page).isEqualTo(400);
            assertThat(page.code()).isEqualTo("validation_failed");
        }
    }

    @Test
    void aNulCharacterInABodyOrAQueryIsABadRequestAndNothingIsStored() {
        ApiClient customer = fixtures.newCustomer();
        ApiResponse address = customer.post("/api/v1/users/me/addresses",
                Map.of("street", "1 Main\u0000St", "city", "Springfield", "zip", "62701", "country", "US"));
        assertThat(address.status()).as(address.toString()).isEqualTo(400);
        assertThat(address.body()).contains("\"field\":\"street\"");
        assertThat(customer.get("/api/v1/users/me/addresses").json().path("addresses")).isEmpty();

        ApiResponse query = customer.get("/api/v1/orders?status=PEND%00ING");
        assertThat(query.status()).as(query.toString()).isEqualTo(400);
        assertThat(query.code()).isEqualTo("validation_failed");
    }

    @Test
    void aDirectOrderNamingAProductIdWithASlashIsProductNotFoundNotAnOutage() {
        ApiResponse placed = fixtures.newCustomer().withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/orders", Fixtures.directOrder("prod_x/../../admin", 1, "tok_visa"));

        assertThat(placed.status()).as(placed.toString()).isEqualTo(422);
        assertThat(placed.code()).isEqualTo("product_not_found");
    }

    @Test
    void aQuoteWithAHugeExponentIsRefusedAtOnceWithoutAToken() {
        String quote = """
                {"items": [{"product_id": "prod_1", "quantity": 1, "unit_price": 5e500000000}],
                 "shipping_address": {"country": "US"}}""";

        ApiResponse answer = api.send("POST", "/api/v1/pricing/quotes", quote);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.body()).contains("items[0].unit_price");
    }

    @Test
    void aBodyOverTheSizeLimitIsAPayloadTooLargeProblemAndAHugeStringABadRequest() {
        ApiResponse huge = api.send("POST", "/api/v1/auth/register", "{\"email\": \"" + "a".repeat(2_000_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.code()).isEqualTo("payload_too_large");

        ApiResponse longString = api.send("POST", "/api/v1/auth/login", "{\"email\": \"" + "a".repeat(200_000) + "\", \"password\": \"x\"}");
        assertThat(longString.status()).isEqualTo(400);
        assertThat(longString.code()).isEqualTo("validation_failed");
    }

    @Test
    void aCardNumberInsideATokenIsRefusedAtTheDoorAndNeverReachesPaymentOrKafka() {
        String productId = fixtures.productWithStock("2.00", 10);
        ApiResponse placed = fixtures.newCustomer().withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/orders", Fixtures.directOrder(productId, 1, "tok_4242424242424242"));

        assertThat(placed.status()).as(placed.toString()).isEqualTo(400);
        assertThat(placed.body()).contains("payment_method.card_token").doesNotContain("4242424242424242");
        assertThat(fixtures.reserved(productId)).isZero();
    }

    @Test
    void pathsTheServletContainerRefusesAreProblemsWithACodeToo() {
        for (String path : List.of("/api/v1/carts/%00", "/api/v1/orders/a%2Fb/status")) {
            ApiResponse answer = api.get(path);
            assertThat(answer.status()).as(path + " " + answer).isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.code()).isEqualTo("validation_failed");
        }
    }
}
