package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Coupons end to end: the admin defines one, checkouts hold its uses, confirmed orders redeem them, and failed ones
 * give them back; under a race for the last uses, exactly {@code max_redemptions} orders carry it.
 */
class CouponIT extends EndToEndTest {

    static String newCode() {
        return "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    ApiResponse createCoupon(Map<String, Object> coupon) {
        ApiResponse created = fixtures.admin().post("/api/v1/admin/coupons", coupon);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    static Map<String, Object> percentOff(String code, int percent, Integer maxRedemptions) {
        Map<String, Object> coupon = new LinkedHashMap<>();
        coupon.put("code", code);
        coupon.put("type", "PERCENT");
        coupon.put("value", percent);
        if (maxRedemptions != null) {
            coupon.put("max_redemptions", maxRedemptions);
        }
        return coupon;
    }

    static ApiResponse checkout(ApiClient customer, String cartId, String couponCode) {
        return customer.post("/api/v1/checkouts", Map.of("cart_id", cartId, "shipping_address", Fixtures.address(), "coupon_code", couponCode));
    }

    static ApiResponse oneShot(ApiClient customer, String cartId, String couponCode, String cardToken) {
        return customer.withHeader("Idempotency-Key", UUID.randomUUID().toString()).post("/api/v1/orders/checkout", Map.of(
                "cart_id", cartId, "shipping_address", Fixtures.address(), "coupon_code", couponCode,
                "payment_method", Map.of("type", "card", "card_token", cardToken)));
    }

    ApiResponse coupon(String code) {
        return fixtures.admin().get("/api/v1/admin/coupons/" + code);
    }

    @Test
    void fortyCustomersRacingForFiveUsesLeaveExactlyFiveOrdersCarryingTheCouponAndTheRestHoldingNothing() throws Exception {
        String code = newCode();
        createCoupon(percentOff(code, 10, 5));
        String product = fixtures.productWithStock("20.00", 100);
        List<ApiClient> customers = new ArrayList<>();
        List<String> carts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ApiClient customer = fixtures.newCustomer();
            customers.add(customer);
            carts.add(Fixtures.cartWith(customer, product, 1));
        }

        List<ApiResponse> answers = new ArrayList<>();
        // Ten callers at a time, as in the flash-sale test: each checkout holds a connection of the test's small pool
        // while it asks the cart and pricing over HTTP. The forty still race for the coupon's row together.
        try (ExecutorService threads = Executors.newFixedThreadPool(10)) {
            List<Future<ApiResponse>> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ApiClient customer = customers.get(i);
                String cartId = carts.get(i);
                sent.add(threads.submit(() -> checkout(customer, cartId, code.toLowerCase())));
            }
            for (Future<ApiResponse> answer : sent) {
                answers.add(answer.get());
            }
        }

        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ApiResponse answer = answers.get(i);
            if (answer.status() == 201) {
                winners.add(i);
                assertThat(answer.json().path("discount").decimalValue()).isEqualByComparingTo("2.00");
            } else {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
                assertThat(answer.code()).isEqualTo("coupon_not_applicable");
                assertThat(answer.text("/reason")).isEqualTo("exhausted");
            }
        }
        assertThat(winners).hasSize(5);
        assertThat(fixtures.reserved(product)).as("the refused checkouts reserved nothing").isEqualTo(5);
        for (int i = 0; i < 40; i++) {
            if (!winners.contains(i)) {
                ApiClient loser = customers.get(i);
                String cartId = carts.get(i);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> loser.get("/api/v1/carts/" + cartId).text("/status"), "ACTIVE"::equals);
            }
        }

        for (int winner : winners) {
            ApiClient customer = customers.get(winner);
            ApiResponse paid = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                    .post("/api/v1/checkouts/" + answers.get(winner).text("/checkout_id") + "/pay", Fixtures.card("tok_visa"));
            assertThat(paid.status()).as(paid.toString()).isEqualTo(202);
            ApiResponse order = Fixtures.awaitSettled(customer, paid.text("/order_id"));
            assertThat(order.text("/status")).isEqualTo("CONFIRMED");
            assertThat(order.json().path("discount_amount").decimalValue()).isEqualByComparingTo("2.00");
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ApiResponse coupon = coupon(code);
            assertThat(coupon.json().path("redemptions").asInt()).isEqualTo(5);
            assertThat(coupon.json().path("held").asInt()).isZero();
        });
        ApiClient latecomer = fixtures.newCustomer();
        ApiResponse late = checkout(latecomer, Fixtures.cartWith(latecomer, product, 1), code);
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.text("/reason")).isEqualTo("exhausted");
        assertThat(coupon(code).json().path("held").asInt()).isZero();
    }

    @Test
    void aFailedPaymentGivesTheCouponsUseBackToTheNextCustomer() {
        String code = newCode();
        createCoupon(percentOff(code, 50, 1));
        String product = fixtures.productWithStock("10.00", 10);
        ApiClient declined = fixtures.newCustomer();

        ApiResponse placed = oneShot(declined, Fixtures.cartWith(declined, product, 1), code, "tok_chargeDeclined");
        assertThat(placed.status()).as(placed.toString()).isEqualTo(202);
        ApiResponse failed = Fixtures.awaitSettled(declined, placed.text("/order_id"));
        assertThat(failed.text("/status")).isEqualTo("FAILED");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> coupon(code).json().path("held").asInt(), held -> held == 0);

        ApiClient next = fixtures.newCustomer();
        ApiResponse confirmed = Fixtures.awaitSettled(next, oneShot(next, Fixtures.cartWith(next, product, 1), code, "tok_visa").text("/order_id"));
        assertThat(confirmed.text("/status")).isEqualTo("CONFIRMED");
        assertThat(confirmed.json().path("discount_amount").decimalValue()).isEqualByComparingTo("5.00");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> coupon(code).json().path("redemptions").asInt(), n -> n == 1);
    }

    @Test
    void aCouponThatDoesNotApplyIsRefusedWithItsReason() {
        String product = fixtures.productWithStock("10.00", 10);
        ApiClient customer = fixtures.newCustomer();
        String cartId = Fixtures.cartWith(customer, product, 1);

        String minimum = newCode();
        Map<String, Object> aboveFifty = percentOff(minimum, 10, null);
        aboveFifty.put("min_subtotal", 50);
        createCoupon(aboveFifty);
        String future = newCode();
        Map<String, Object> notYet = percentOff(future, 10, null);
        notYet.put("starts_at", "2099-01-01T00:00:00Z");
        createCoupon(notYet);
        String retired = newCode();
        createCoupon(percentOff(retired, 10, null));
        assertThat(fixtures.admin().patch("/api/v1/admin/coupons/" + retired.toLowerCase(), Map.of("active", false)).json().path("active").asBoolean())
                .isFalse();

        assertThat(checkout(customer, cartId, "NO-SUCH-" + newCode()).text("/reason")).isEqualTo("unknown");
        assertThat(checkout(customer, cartId, minimum).text("/reason")).isEqualTo("min_subtotal_not_met");
        assertThat(checkout(customer, cartId, future).text("/reason")).isEqualTo("not_started");
        ApiResponse refused = checkout(customer, cartId, retired);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("coupon_not_applicable");
        assertThat(refused.text("/reason")).isEqualTo("inactive");
        assertThat(fixtures.reserved(product)).isZero();
    }

    @Test
    void aCheckoutRefusedForItsCouponGivesTheCartBackBeforeItAnswersSoTheNextTryIsTakenAtOnce() {
        String product = fixtures.productWithStock("10.00", 10);
        ApiClient customer = fixtures.newCustomer();
        String cartId = Fixtures.cartWith(customer, product, 1);

        assertThat(checkout(customer, cartId, "NO-SUCH-" + newCode()).code()).isEqualTo("coupon_not_applicable");
        assertThat(customer.get("/api/v1/carts/" + cartId).text("/status")).isEqualTo("ACTIVE");
        assertThat(oneShot(customer, cartId, "NO-SUCH-" + newCode(), "tok_visa").code()).isEqualTo("coupon_not_applicable");
        assertThat(customer.get("/api/v1/carts/" + cartId).text("/status")).isEqualTo("ACTIVE");

        ApiResponse corrected = customer.post("/api/v1/checkouts", Map.of("cart_id", cartId, "shipping_address", Fixtures.address()));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
        assertThat(customer.post("/api/v1/internal/carts/" + cartId + "/releases", Map.of("holder_id", corrected.text("/checkout_id"))).status())
                .as("only services give a held cart back").isEqualTo(403);
        assertThat(customer.get("/api/v1/carts/" + cartId).text("/status")).isEqualTo("CHECKED_OUT");
    }

    @Test
    void aCustomerCannotUseACouponMoreOftenThanItsPerCustomerLimit() {
        String code = newCode();
        Map<String, Object> oncePerCustomer = percentOff(code, 10, null);
        oncePerCustomer.put("max_redemptions_per_user", 1);
        createCoupon(oncePerCustomer);
        String product = fixtures.productWithStock("10.00", 10);
        ApiClient customer = fixtures.newCustomer();

        ApiResponse first = oneShot(customer, Fixtures.cartWith(customer, product, 1), code, "tok_visa");
        assertThat(Fixtures.awaitSettled(customer, first.text("/order_id")).text("/status")).isEqualTo("CONFIRMED");
        // The cart turns CONVERTED when its order's confirmation reaches the cart service; until then POST /carts
        // answers with the held cart, so the next order needs a new one.
        Awaitility.await("a new cart after the first order").atMost(Duration.ofSeconds(10))
                .until(() -> customer.post("/api/v1/carts", null).text("/status"), "ACTIVE"::equals);

        ApiResponse second = checkout(customer, Fixtures.cartWith(customer, product, 1), code);
        assertThat(second.status()).as(second.toString()).isEqualTo(422);
        assertThat(second.text("/reason")).isEqualTo("per_user_limit");
        ApiClient other = fixtures.newCustomer();
        assertThat(checkout(other, Fixtures.cartWith(other, product, 1), code).status()).isEqualTo(201);
    }

    @Test
    void adminsCreateReadAndRetireCouponsWithCodesInAnyCase() {
        String code = newCode();
        ApiResponse created = createCoupon(Map.of("code", code.toLowerCase(), "type", "FIXED", "value", 5, "max_redemptions", 3));
        assertThat(created.text("/code")).isEqualTo(code);
        assertThat(created.json().path("value").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(created.json().path("redemptions").asInt()).isZero();
        assertThat(created.json().path("active").asBoolean()).isTrue();

        ApiClient admin = fixtures.admin();
        assertThat(admin.post("/api/v1/admin/coupons", Map.of("code", code, "type", "FIXED", "value", 1)).code()).isEqualTo("coupon_exists");
        ApiResponse tooMuch = admin.post("/api/v1/admin/coupons", Map.of("code", newCode(), "type", "PERCENT", "value", 150));
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.code()).isEqualTo("validation_failed");
        ApiResponse backwards = admin.post("/api/v1/admin/coupons", Map.of("code", newCode(), "type", "FIXED", "value", 1,
                "starts_at", "2030-01-02T00:00:00Z", "ends_at", "2030-01-01T00:00:00Z"));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/admin/coupons", Map.of("code", newCode(), "type", "BOGUS", "value", 1)).status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/admin/coupons/NOPE" + newCode()).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/admin/coupons/" + code.toLowerCase()).text("/code")).isEqualTo(code);

        ApiResponse retired = admin.patch("/api/v1/admin/coupons/" + code, Map.of("active", false));
        assertThat(retired.status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/admin/coupons/" + code).json().path("active").asBoolean()).isFalse();
        assertThat(fixtures.newCustomer().post("/api/v1/admin/coupons", Map.of("code", newCode(), "type", "FIXED", "value", 1)).status())
                .isEqualTo(403);
    }
}
