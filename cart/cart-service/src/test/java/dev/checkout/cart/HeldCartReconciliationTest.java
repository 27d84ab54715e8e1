package dev.checkout.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import dev.checkout.order.api.CheckoutStanding;
import dev.checkout.order.api.OrderStanding;
import dev.checkout.order.api.Standings;
import org.junit.jupiter.api.Test;

/** Which held carts the reconciliation gives back, from the order service's standings, without servers. */
class HeldCartReconciliationTest {

    static Cart heldBy(String holder) {
        Cart cart = CartTest.guestCartWith("prod_a", 1, "2.00");
        cart.checkOut(holder, CartTest.NOW);
        return cart;
    }

    static OrderStanding order(String orderId, boolean ended) {
        return new OrderStanding(orderId, ended ? "FAILED" : "PAYMENT_PENDING", false, ended, BigDecimal.TEN, "USD", null, null, null);
    }

    static CheckoutStanding checkout(String checkoutId, boolean open, String orderId) {
        return new CheckoutStanding(checkoutId, open ? "RESERVED" : "EXPIRED", open, Instant.MAX, orderId, null);
    }

    static Standings standings(List<OrderStanding> orders, List<CheckoutStanding> checkouts) {
        return new Standings(orders, checkouts);
    }

    @Test
    void aHolderTheOrderServiceDoesNotKnowIsGone() {
        assertThat(HeldCartReconciliation.holderGone(heldBy("order_1"), standings(List.of(), List.of()))).isTrue();
    }

    @Test
    void aLiveOrderKeepsTheCartAndAnEndedOneGivesItBack() {
        assertThat(HeldCartReconciliation.holderGone(heldBy("order_1"), standings(List.of(order("order_1", false)), List.of()))).isFalse();
        assertThat(HeldCartReconciliation.holderGone(heldBy("order_1"), standings(List.of(order("order_1", true)), List.of()))).isTrue();
    }

    @Test
    void anOpenCheckoutOrOnePaidIntoAnOrderKeepsTheCartAndAnExpiredOneGivesItBack() {
        assertThat(HeldCartReconciliation.holderGone(heldBy("chk_1"), standings(List.of(), List.of(checkout("chk_1", true, null))))).isFalse();
        assertThat(HeldCartReconciliation.holderGone(heldBy("chk_1"), standings(List.of(), List.of(checkout("chk_1", false, "order_9")))))
                .isFalse();
        assertThat(HeldCartReconciliation.holderGone(heldBy("chk_1"), standings(List.of(), List.of(checkout("chk_1", false, null))))).isTrue();
    }

    @Test
    void theOrderACheckoutBecameDecidesOnceTheCartKnowsIt() {
        Cart cart = heldBy("chk_1");
        cart.orderPlaced("order_2", CartTest.NOW);

        assertThat(HeldCartReconciliation.holderGone(cart, standings(List.of(order("order_2", true)), List.of(checkout("chk_1", false, "order_2")))))
                .isTrue();
        assertThat(HeldCartReconciliation.holderGone(cart, standings(List.of(order("order_2", false)), List.of(checkout("chk_1", false, "order_2")))))
                .isFalse();
    }

    @Test
    void aCartChangedSinceItWasReadIsLeftAlone() {
        Cart cart = heldBy("order_1");

        assertThat(cart.holderGone("order_1", CartTest.NOW.minusSeconds(1), CartTest.NOW)).isFalse();
        assertThat(cart.holderGone("order_other", CartTest.NOW, CartTest.NOW)).isFalse();
        assertThat(cart.holderGone("order_1", CartTest.NOW, CartTest.NOW.plusSeconds(1))).isTrue();
        assertThat(cart.status()).isEqualTo(CartStatus.ACTIVE);
    }
}
