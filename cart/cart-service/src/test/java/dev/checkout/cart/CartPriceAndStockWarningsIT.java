package dev.checkout.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.checkout.platform.testing.ApiResponse;
import org.junit.jupiter.api.Test;

/** Seed 002 Part 5.4, option C: the price locked in at addition is honoured; changes since show as warnings. */
class CartPriceAndStockWarningsIT extends CartIntegrationTest {

    @Test
    void aPriceChangedAfterAddingShowsAWarningAndTheLockedInPriceIsHonouredUntilCheckout() {
        String widget = upstream.productInStock("10.00", 20);
        Shopper user = newUser();
        String cart = user.cart();
        user.added(cart, widget, 2);

        upstream.productChanged(widget, "Widget", "12.00", null, 2, List.of());
        ApiResponse view = user.view(cart);

        assertThat(view.text("/warnings/0/code")).isEqualTo("price_changed");
        assertThat(view.text("/warnings/0/product_id")).isEqualTo(widget);
        assertThat(view.text("/warnings/0/message")).contains("12.00").contains("10.00");
        assertThat(amount(view, "/items/0/price_at_addition")).isEqualByComparingTo("10.00");
        assertThat(amount(view, "/items/0/unit_price")).isEqualByComparingTo("10.00");
        assertThat(amount(view, "/items/0/current_price")).isEqualByComparingTo("12.00");
        assertThat(amount(view, "/items/0/line_total")).isEqualByComparingTo("20.00");
        assertThat(amount(view, "/subtotal")).isEqualByComparingTo("20.00");

        ApiResponse checkout = user.checkout(cart, "chk_price_test");
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(200);
        assertThat(amount(checkout, "/items/0/unit_price")).isEqualByComparingTo("12.00");
        assertThat(amount(checkout, "/items/0/price_at_addition")).isEqualByComparingTo("10.00");
        assertThat(amount(checkout, "/subtotal")).isEqualByComparingTo("24.00");
        assertThat(checkout.text("/warnings/0/code")).isEqualTo("price_changed");
    }

    @Test
    void anItemThatRanOutAfterAddingShowsAsOutOfStock() {
        String widget = upstream.productInStock("3.00", 5);
        Shopper guest = guest();
        String cart = guest.cart();
        guest.added(cart, widget, 1);

        upstream.stock(widget, null, 0, 0);
        ApiResponse view = guest.view(cart);

        assertThat(view.text("/warnings/0/code")).isEqualTo("out_of_stock");
        assertThat(view.json().at("/items/0/in_stock").asBoolean()).isFalse();
        assertThat(view.json().at("/items/0/quantity").asInt()).isEqualTo(1);
    }

    @Test
    void aProductNoLongerSoldShowsAsUnavailable() {
        String widget = upstream.productInStock("3.00", 5);
        Shopper guest = guest();
        String cart = guest.cart();
        guest.added(cart, widget, 1);

        upstream.productChanged(widget, "Widget", "3.00", "INACTIVE", 2, List.of());

        assertThat(guest.view(cart).text("/warnings/0/code")).isEqualTo("product_unavailable");
    }
}
