package dev.checkout.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The cart's rules, without servers. */
class CartTest {

    static final Instant NOW = Instant.parse("2026-11-21T10:30:00Z");
    static final int LIMIT = 10;

    static ProductCopy.Offer offer(String price, int available) {
        return new ProductCopy.Offer("Widget", new BigDecimal(price), "USD", available);
    }

    static Cart guestCartWith(String productId, int quantity, String price) {
        Cart cart = Cart.open(null, NOW);
        cart.add(productId, null, offer(price, 100), quantity, LIMIT, NOW);
        return cart;
    }

    @Test
    void addingTheSameProductAgainSumsIntoOneLineAtTheFirstPrice() {
        Cart cart = guestCartWith("prod_a", 2, "5.00");
        cart.add("prod_a", null, offer("6.00", 100), 3, LIMIT, NOW);

        assertThat(cart.items()).singleElement().satisfies(item -> {
            assertThat(item.quantity()).isEqualTo(5);
            assertThat(item.priceAtAddition()).isEqualByComparingTo("5.00");
        });
        assertThat(cart.subtotal()).isEqualByComparingTo("25.00");
        assertThat(cart.itemCount()).isEqualTo(5);
    }

    @Test
    void aLineCannotGoAboveTheLimit() {
        Cart cart = guestCartWith("prod_a", 8, "1.00");

        assertThatThrownBy(() -> cart.add("prod_a", null, offer("1.00", 100), 3, LIMIT, NOW))
                .isInstanceOfSatisfying(CartRefusal.class, refusal -> assertThat(refusal.code()).isEqualTo("quantity_limit_exceeded"));
        assertThat(cart.items().getFirst().quantity()).isEqualTo(8);
    }

    @Test
    void addingTheLargestIntegerToAnExistingLineIsRefusedInsteadOfWrappingRound() {
        Cart cart = guestCartWith("prod_a", 1, "1.00");

        assertThatThrownBy(() -> cart.add("prod_a", null, offer("1.00", 100), Integer.MAX_VALUE, LIMIT, NOW))
                .isInstanceOfSatisfying(CartRefusal.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo("quantity_limit_exceeded");
                    assertThat(refusal.details()).containsEntry("requested_quantity", 1L + Integer.MAX_VALUE);
                });
        assertThat(cart.items().getFirst().quantity()).isEqualTo(1);
    }

    @Test
    void onlyAnActiveCartChangesAndTheRefusalNamesItsHolder() {
        Cart cart = guestCartWith("prod_a", 1, "1.00");
        cart.checkOut("order_1", NOW);

        assertThatThrownBy(() -> cart.add("prod_b", null, offer("1.00", 1), 1, LIMIT, NOW))
                .isInstanceOfSatisfying(CartRefusal.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(409);
                    assertThat(refusal.details()).containsEntry("order_id", "order_1").containsEntry("holder_id", "order_1");
                });
    }

    @Test
    void anEmptyCartCannotBeCheckedOut() {
        assertThatThrownBy(() -> Cart.open("user_1", NOW).checkOut("chk_1", NOW))
                .isInstanceOfSatisfying(CartRefusal.class, refusal -> assertThat(refusal.code()).isEqualTo("cart_empty"));
    }

    @Test
    void mergingSumsCapsDropsWhatIsGoneRefreshesPricesAndEndsTheGuestCart() {
        Cart user = Cart.open("user_1", NOW);
        user.add("prod_a", null, offer("1.00", 100), 7, LIMIT, NOW);
        Cart guest = Cart.open(null, NOW);
        guest.add("prod_a", null, offer("1.00", 100), 6, LIMIT, NOW);
        guest.add("prod_b", null, offer("2.00", 100), 1, LIMIT, NOW);
        guest.add("prod_gone", null, offer("3.00", 100), 1, LIMIT, NOW);
        Map<String, ProductCopy.Offer> today = Map.of("prod_a", offer("1.00", 100), "prod_b", offer("2.50", 100));

        List<CartWarning> warnings = user.absorb(guest, item -> Optional.ofNullable(today.get(item.productId())), LIMIT, NOW);

        assertThat(user.itemFor("prod_a", null)).get().extracting(CartItem::quantity).isEqualTo(10);
        assertThat(user.itemFor("prod_b", null)).get().extracting(CartItem::priceAtAddition).isEqualTo(new BigDecimal("2.50"));
        assertThat(user.itemFor("prod_gone", null)).isEmpty();
        assertThat(warnings).extracting(CartWarning::code, CartWarning::productId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("quantity_capped", "prod_a"),
                org.assertj.core.groups.Tuple.tuple("price_changed", "prod_b"),
                org.assertj.core.groups.Tuple.tuple("item_removed", "prod_gone"));
        assertThat(guest.status()).isEqualTo(CartStatus.MERGED);
        assertThat(guest.mergedInto()).isEqualTo(user.cartId());
    }

    @Test
    void theOrdersEventsMoveTheCartOnlyWhenTheyAreAboutItsHolder() {
        Cart cart = guestCartWith("prod_a", 1, "1.00");
        cart.checkOut("chk_1", NOW);

        assertThat(cart.checkoutExpired("chk_other", NOW)).isFalse();
        assertThat(cart.orderEnded("order_other", NOW)).isFalse();
        assertThat(cart.orderPlaced("order_1", NOW)).isTrue();
        assertThat(cart.checkoutExpired("chk_1", NOW)).as("an order was placed: its outcome decides").isFalse();
        assertThat(cart.orderConfirmed("order_1", NOW)).isTrue();
        assertThat(cart.status()).isEqualTo(CartStatus.CONVERTED);
        assertThat(cart.orderEnded("order_1", NOW)).as("a cancellation after confirmation keeps it converted").isFalse();
    }

    @Test
    void aFailedOrderOrAnExpiredCheckoutGivesTheCartBack() {
        Cart failed = guestCartWith("prod_a", 1, "1.00");
        failed.checkOut("order_1", NOW);
        Cart expired = guestCartWith("prod_a", 1, "1.00");
        expired.checkOut("chk_1", NOW);

        assertThat(failed.orderEnded("order_1", NOW)).isTrue();
        assertThat(expired.checkoutExpired("chk_1", NOW)).isTrue();
        assertThat(List.of(failed.status(), expired.status())).containsOnly(CartStatus.ACTIVE);
        assertThat(expired.holderId()).isNull();
    }
}
