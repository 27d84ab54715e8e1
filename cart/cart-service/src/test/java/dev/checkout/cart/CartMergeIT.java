package dev.checkout.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkout.platform.testing.ApiResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Logging in with a guest cart: its items move into the user's cart, summed and capped, and it ends MERGED. */
class CartMergeIT extends CartIntegrationTest {

    @Test
    void overlappingItemsSumAndCapAndTheGuestCartEndsMerged() {
        String widget = upstream.productInStock("10.00", 50);
        String gadget = upstream.productInStock("2.50", 50);
        String soonGone = upstream.productInStock("1.00", 50);
        Shopper user = newUser();
        String userCart = user.cart();
        user.added(userCart, widget, 7);
        Shopper guest = guest();
        String guestCart = guest.cart();
        guest.added(guestCart, widget, 6);
        guest.added(guestCart, gadget, 2);
        guest.added(guestCart, soonGone, 1);
        upstream.stock(soonGone, null, 0, 0);

        ApiResponse merged = user.api().post("/api/v1/carts/" + guestCart + "/merge", null);

        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(merged.text("/cart_id")).isEqualTo(userCart);
        assertThat(quantityOf(merged.json(), widget)).isEqualTo(10);
        assertThat(quantityOf(merged.json(), gadget)).isEqualTo(2);
        assertThat(quantityOf(merged.json(), soonGone)).isZero();
        assertThat(amount(merged, "/subtotal")).isEqualByComparingTo("105.00");
        assertThat(merged.json().path("warnings").findValuesAsString("code")).contains("quantity_capped", "item_removed");
        assertThat(warningFor(merged.json(), "quantity_capped")).isEqualTo(widget);
        assertThat(warningFor(merged.json(), "item_removed")).isEqualTo(soonGone);

        ApiResponse guestAfter = guest.view(guestCart);
        assertThat(guestAfter.text("/status")).isEqualTo("MERGED");
        assertThat(guestAfter.text("/merged_into")).isEqualTo(userCart);
        assertThat(guest.add(guestCart, gadget, 1).code()).isEqualTo("cart_not_active");
        assertThat(amount(user.view(userCart), "/subtotal")).isEqualByComparingTo("105.00");
    }

    @Test
    void aUserWithoutACartGetsOneHoldingTheGuestItemsAtTodaysPrices() {
        String widget = upstream.productInStock("10.00", 50);
        Shopper guest = guest();
        String guestCart = guest.cart();
        guest.added(guestCart, widget, 3);
        upstream.productChanged(widget, "Widget", "8.00", null, 2, java.util.List.of());
        Shopper user = newUser();

        ApiResponse merged = user.api().post("/api/v1/carts/" + guestCart + "/merge", null);

        assertThat(merged.status()).isEqualTo(200);
        assertThat(merged.text("/user_id")).isEqualTo(user.userId());
        assertThat(amount(merged, "/items/0/price_at_addition")).isEqualByComparingTo("8.00");
        assertThat(amount(merged, "/subtotal")).isEqualByComparingTo("24.00");
        assertThat(warningFor(merged.json(), "price_changed")).isEqualTo(widget);
        assertThat(user.api().post("/api/v1/carts", null).text("/cart_id")).isEqualTo(merged.text("/cart_id"));
    }

    @Test
    void mergingAgainAnswersTheSameCartAndMovesNothingTwice() {
        String widget = upstream.productInStock("1.00", 50);
        Shopper guest = guest();
        String guestCart = guest.cart();
        guest.added(guestCart, widget, 2);
        Shopper user = newUser();

        ApiResponse first = user.api().post("/api/v1/carts/" + guestCart + "/merge", null);
        ApiResponse again = user.api().post("/api/v1/carts/" + guestCart + "/merge", null);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("/cart_id")).isEqualTo(first.text("/cart_id"));
        assertThat(quantityOf(again.json(), widget)).isEqualTo(2);
    }

    @Test
    void mergingNeedsALoggedInUserAndAGuestCart() {
        String guestCart = guest().cart();
        Shopper user = newUser();
        String userCart = user.cart();

        assertThat(api().post("/api/v1/carts/" + guestCart + "/merge", null).status()).isEqualTo(401);
        assertThat(user.api().post("/api/v1/carts/" + userCart + "/merge", null).code()).isEqualTo("not_a_guest_cart");
        assertThat(newUser().api().post("/api/v1/carts/" + userCart + "/merge", null).status()).isEqualTo(404);
        assertThat(user.api().post("/api/v1/carts/cart_00000000000000000000000000000000/merge", null).status()).isEqualTo(404);
        assertThat(guest().view(guestCart).text("/status")).isEqualTo("ACTIVE");
    }

    static int quantityOf(JsonNode cart, String productId) {
        for (JsonNode item : cart.path("items")) {
            if (productId.equals(item.path("product_id").asString())) {
                return item.path("quantity").asInt();
            }
        }
        return 0;
    }

    static String warningFor(JsonNode cart, String code) {
        for (JsonNode warning : cart.path("warnings")) {
            if (code.equals(warning.path("code").asString())) {
                return warning.path("product_id").asString();
            }
        }
        return null;
    }
}
