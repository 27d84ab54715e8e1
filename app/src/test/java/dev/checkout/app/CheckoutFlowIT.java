package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The three ways into the checkout saga, end to end with the real cart, inventory, payment and gateway simulator. */
class CheckoutFlowIT extends EndToEndTest {

    @Test
    void aTwoStepCheckoutPaidWithAGoodCardConfirmsTheOrderAndEmptiesTheCart() {
        String product = fixtures.productWithStock("12.50", 5);
        ApiClient customer = fixtures.newCustomer();
        String cartId = Fixtures.cartWith(customer, product, 2);

        ApiResponse checkout = customer.post("/api/v1/checkouts", Map.of("cart_id", cartId, "shipping_address", Fixtures.address()));
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);
        assertThat(checkout.text("/status")).isEqualTo("RESERVED");
        assertThat(checkout.text("/checkout_id")).startsWith("chk_");
        assertThat(checkout.json().path("subtotal").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(checkout.json().path("total").decimalValue()).isEqualByComparingTo(checkout.json().path("subtotal").decimalValue()
                .add(checkout.json().path("tax").decimalValue()).add(checkout.json().path("shipping").decimalValue()));
        assertThat(checkout.text("/expires_at")).isNotBlank();
        assertThat(fixtures.reserved(product)).as("reserved before any charge").isEqualTo(2);

        ApiClient paying = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString());
        ApiResponse paid = paying.post("/api/v1/checkouts/" + checkout.text("/checkout_id") + "/pay", Fixtures.card("tok_visa"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(202);
        assertThat(paid.text("/status")).isEqualTo("PENDING");
        String orderId = paid.text("/order_id");

        ApiResponse order = Fixtures.awaitSettled(customer, orderId);
        assertThat(order.text("/status")).isEqualTo("CONFIRMED");
        assertThat(order.json().path("total_amount").decimalValue()).isEqualByComparingTo(checkout.json().path("total").decimalValue());
        assertThat(fixtures.available(product)).isEqualTo(3);
        assertThat(fixtures.reserved(product)).isZero();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> customer.get("/api/v1/carts/" + cartId).text("/status"), "CONVERTED"::equals);
        assertThat(customer.post("/api/v1/carts", null).json().path("items")).as("the next cart starts empty").isEmpty();

        ApiResponse again = paying.post("/api/v1/checkouts/" + checkout.text("/checkout_id") + "/pay", Fixtures.card("tok_visa"));
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(paid.body());
        ApiResponse otherKey = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/checkouts/" + checkout.text("/checkout_id") + "/pay", Fixtures.card("tok_visa"));
        assertThat(otherKey.status()).isEqualTo(409);
        assertThat(otherKey.code()).isEqualTo("checkout_already_paid");
        assertThat(otherKey.text("/order_id")).isEqualTo(orderId);
    }

    @Test
    void aCheckoutToASavedAddressShipsTheOrderThereAndAnAddressNotTheCustomersIsRefused() {
        String product = fixtures.productWithStock("4.00", 5);
        ApiClient customer = fixtures.newCustomer();
        ApiResponse saved = customer.post("/api/v1/users/me/addresses",
                Map.of("street", "7 Elm Rd", "city", "Shelbyville", "zip", "12345", "country", "US"));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);

        String cartId = Fixtures.cartWith(customer, product, 1);
        ApiResponse refused = customer.post("/api/v1/checkouts", Map.of("cart_id", cartId, "shipping_address_id", "addr_not_mine"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("address_not_found");

        ApiResponse checkout = customer.post("/api/v1/checkouts", Map.of("cart_id", cartId, "shipping_address_id", saved.text("/address_id")));
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);
        ApiResponse paid = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/checkouts/" + checkout.text("/checkout_id") + "/pay", Fixtures.card("tok_visa"));
        ApiResponse order = Fixtures.awaitSettled(customer, paid.text("/order_id"));

        assertThat(order.text("/status")).isEqualTo("CONFIRMED");
        assertThat(order.text("/shipping_address/street")).isEqualTo("7 Elm Rd");
        assertThat(order.text("/shipping_address/city")).isEqualTo("Shelbyville");
        assertThat(order.text("/shipping_address/zip")).isEqualTo("12345");
        assertThat(order.text("/shipping_address/country")).isEqualTo("US");
    }

    @Test
    void postingACheckoutAgainForTheSameCartReturnsTheOpenOneAndReservesNothingTwice() {
        String product = fixtures.productWithStock("3.00", 5);
        ApiClient customer = fixtures.newCustomer();
        String cartId = Fixtures.cartWith(customer, product, 3);

        ApiResponse first = customer.post("/api/v1/checkouts", Map.of("cart_id", cartId, "shipping_address", Fixtures.address()));
        ApiResponse second = customer.post("/api/v1/checkouts", Map.of("cart_id", cartId, "shipping_address", Fixtures.address()));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text("/checkout_id")).isEqualTo(first.text("/checkout_id"));
        assertThat(fixtures.reserved(product)).isEqualTo(3);
        assertThat(customer.post("/api/v1/carts/" + cartId + "/items", Map.of("product_id", product, "quantity", 1)).code())
                .as("a cart held by a checkout is frozen").isEqualTo("cart_not_active");
    }

    @Test
    void aCheckoutForMoreThanIsInStockIsRefusedWithTheShortItemsAndReservesNothing() {
        String plenty = fixtures.productWithStock("3.00", 10);
        String scarce = fixtures.productWithStock("4.00", 1);
        ApiClient customer = fixtures.newCustomer();
        String cartId = Fixtures.cartWith(customer, plenty, 2);
        customer.post("/api/v1/carts/" + cartId + "/items", Map.of("product_id", scarce, "quantity", 3));

        ApiResponse refused = customer.post("/api/v1/checkouts", Map.of("cart_id", cartId, "shipping_address", Fixtures.address()));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("insufficient_stock");
        assertThat(refused.json().path("failed_items")).singleElement().satisfies(item -> {
            assertThat(item.path("product_id").asString()).isEqualTo(scarce);
            assertThat(item.path("requested").asInt()).isEqualTo(3);
            assertThat(item.path("available").asInt()).isEqualTo(1);
        });
        assertThat(fixtures.reserved(plenty)).isZero();
        assertThat(fixtures.reserved(scarce)).isZero();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> customer.get("/api/v1/carts/" + cartId).text("/status"), "ACTIVE"::equals);
    }

    @Test
    void aOneShotCartCheckoutIsDecidedByTheSaga() {
        String product = fixtures.productWithStock("8.00", 4);
        ApiClient customer = fixtures.newCustomer();
        String cartId = Fixtures.cartWith(customer, product, 1);

        ApiResponse placed = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/orders/checkout",
                Map.of("cart_id", cartId, "shipping_address", Fixtures.address(), "payment_method", Map.of("type", "card", "card_token", "tok_visa")));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(202);
        assertThat(placed.text("/idempotency_key")).isNotBlank();

        assertThat(Fixtures.awaitSettled(customer, placed.text("/order_id")).text("/status")).isEqualTo("CONFIRMED");
        assertThat(fixtures.available(product)).isEqualTo(3);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> customer.get("/api/v1/carts/" + cartId).text("/status"), "CONVERTED"::equals);
        ApiResponse again = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/orders/checkout",
                Map.of("cart_id", cartId, "shipping_address", Fixtures.address(), "payment_method", Map.of("type", "card", "card_token", "tok_visa")));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).as(again.toString()).isEqualTo("cart_not_active");
    }

    @Test
    void tenConcurrentRequestsUnderOneKeyPlaceOneOrder() throws InterruptedException {
        String product = fixtures.productWithStock("2.00", 20);
        ApiClient customer = fixtures.newCustomer().withHeader("Idempotency-Key", UUID.randomUUID().toString());
        ConcurrentLinkedQueue<ApiResponse> answers = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            threads.add(Thread.ofPlatform().start(() -> answers.add(customer.post("/api/v1/orders", Fixtures.directOrder(product, 1, "tok_visa")))));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isIn(202, 409));
        assertThat(answers).filteredOn(answer -> answer.status() == 409).allSatisfy(answer -> assertThat(answer.code()).isEqualTo("request_in_progress"));
        assertThat(answers.stream().filter(a -> a.status() == 202).map(a -> a.text("/order_id")).distinct()).hasSize(1);
        ApiResponse after = customer.post("/api/v1/orders", Fixtures.directOrder(product, 1, "tok_visa"));
        assertThat(after.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(customer.get("/api/v1/orders").json().path("orders")).hasSize(1);
    }

    @Test
    void checkoutRequestsAreValidatedAndBelongToTheirCustomer() {
        String product = fixtures.productWithStock("3.00", 5);
        ApiClient customer = fixtures.newCustomer();
        String cartId = Fixtures.cartWith(customer, product, 1);
        ApiResponse checkout = customer.post("/api/v1/checkouts", Map.of("cart_id", cartId, "shipping_address", Fixtures.address()));

        assertThat(customer.post("/api/v1/checkouts", Map.of("cart_id", cartId)).code()).isEqualTo("validation_failed");
        assertThat(customer.post("/api/v1/checkouts/" + checkout.text("/checkout_id") + "/pay", Fixtures.card("tok_visa")).code())
                .isEqualTo("idempotency_key_missing");
        assertThat(fixtures.newCustomer().get("/api/v1/checkouts/" + checkout.text("/checkout_id")).status()).isEqualTo(404);
        assertThat(fixtures.newCustomer().withHeader("Idempotency-Key", "k").post("/api/v1/checkouts/" + checkout.text("/checkout_id") + "/pay",
                Fixtures.card("tok_visa")).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/checkouts", Map.of("cart_id", cartId)).status()).isEqualTo(401);
        assertThat(customer.post("/api/v1/checkouts", Map.of("cart_id", "cart_unknown", "shipping_address", Fixtures.address())).status())
                .isEqualTo(422);
    }
}
