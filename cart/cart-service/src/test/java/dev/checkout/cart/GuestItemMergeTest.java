package dev.checkout.cart;

import static dev.checkout.cart.CartTest.LIMIT;
import static dev.checkout.cart.CartTest.NOW;
import static dev.checkout.cart.CartTest.offer;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What a guest's item becomes in the user's cart, without a cart. */
class GuestItemMergeTest {

    private static final CartItem GUEST_WIDGETS = new CartItem("item_g", "prod_a", null, "Widget", 4, new BigDecimal("5.00"), NOW);

    @Test
    void anItemNoLongerSoldIsDroppedWithAWarning() {
        GuestItemMerge merged = GuestItemMerge.of(GUEST_WIDGETS, Optional.empty(), Optional.empty(), true, "USD", LIMIT);

        assertThat(merged.line()).isEmpty();
        assertThat(merged.warnings()).extracting(CartWarning::code).containsExactly(CartWarning.ITEM_REMOVED);
    }

    @Test
    void anItemInAnotherCurrencyThanANonEmptyCartIsDropped() {
        ProductCopy.Offer inEuros = new ProductCopy.Offer("Widget", new BigDecimal("5.00"), "EUR", 100);

        assertThat(GuestItemMerge.of(GUEST_WIDGETS, Optional.of(inEuros), Optional.empty(), false, "USD", LIMIT).line()).isEmpty();
        assertThat(GuestItemMerge.of(GUEST_WIDGETS, Optional.of(inEuros), Optional.empty(), true, "USD", LIMIT).line()).isPresent();
    }

    @Test
    void quantitiesAreSummedWithTheUsersLineAndCappedAtTheLimitAtTodaysPrice() {
        CartItem usersWidgets = new CartItem("item_u", "prod_a", null, "Widget", 8, new BigDecimal("5.00"), NOW);

        GuestItemMerge merged = GuestItemMerge.of(GUEST_WIDGETS, Optional.of(offer("6.00", 100)), Optional.of(usersWidgets), false,
                "USD", LIMIT);

        assertThat(merged.line()).get().satisfies(line -> {
            assertThat(line.cartItemId()).isEqualTo("item_u");
            assertThat(line.quantity()).isEqualTo(LIMIT);
            assertThat(line.priceAtAddition()).isEqualByComparingTo("6.00");
        });
        assertThat(merged.warnings()).extracting(CartWarning::code)
                .containsExactly(CartWarning.QUANTITY_CAPPED, CartWarning.PRICE_CHANGED);
    }

    @Test
    void aNewLineKeepsWhenTheGuestAddedIt() {
        GuestItemMerge merged = GuestItemMerge.of(GUEST_WIDGETS, Optional.of(offer("5.00", 100)), Optional.empty(), true, "USD", LIMIT);

        assertThat(merged.line()).get().extracting(CartItem::quantity, CartItem::addedAt).containsExactly(4, NOW);
        assertThat(merged.warnings()).isEmpty();
    }
}
