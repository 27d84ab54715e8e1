package dev.checkout.order.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.checkout.order.orders.Order;
import org.junit.jupiter.api.Test;

/** When a checkout, and a flash sale's hold, can be paid: its time, and when that time starts. */
class CheckoutTest {

    private static final Instant ADMITTED = Instant.parse("2026-12-03T10:00:00Z");
    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final Duration TOKEN = Duration.ofSeconds(10);
    private static final Order.Line LINE = new Order.Line("prod_1", null, "Widget", 1, new BigDecimal("9.99"));
    private static final Order.Totals TOTALS = new Order.Totals(new BigDecimal("9.99"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            new BigDecimal("9.99"), "USD");

    private static Checkout hold() {
        return Checkout.openHold("chk_1", "user_1", "tkt_1", List.of(LINE), TOTALS, ADMITTED, WAIT, TOKEN);
    }

    /** Inventory's reservation as a flash hold asks for it: twice its longest wait and a token's life. */
    private static Instant reservationEnds() {
        return ADMITTED.plus(WAIT.plus(TOKEN).multipliedBy(2));
    }

    @Test
    void aFlashHoldsTokenLivesItsWholeLifeFromTheMomentItsStockIsReservedHoweverLongThatTook() {
        Checkout hold = hold();
        Instant reservedAt = ADMITTED.plusSeconds(30); // three token lives after admission

        hold.stockReserved(reservedAt, reservationEnds());

        assertThat(hold.status()).isEqualTo(Checkout.Status.RESERVED);
        assertThat(hold.expiresAt()).isEqualTo(reservedAt.plus(TOKEN));
        hold.paidBy("order_1", reservedAt.plus(TOKEN).minusMillis(1));
        assertThat(hold.status()).isEqualTo(Checkout.Status.PAID);
    }

    @Test
    void aFlashHoldsTokenEndsOneLifeBeforeInventoryLetsGoOfItsStockSoALastMomentOrderStillFindsIt() {
        Checkout hold = hold();
        Instant reservedAt = ADMITTED.plusSeconds(5);
        Instant reservationEnds = reservedAt.plusSeconds(15);

        hold.stockReserved(reservedAt, reservationEnds);

        assertThat(hold.expiresAt()).isEqualTo(reservationEnds.minus(TOKEN));
    }

    @Test
    void aFlashHoldReservedOnlyAfterItsWaitRanOutIsNotReservedAndLetGoAsFailedSoItsTicketWaitsAgain() {
        Checkout hold = hold();
        Instant late = ADMITTED.plus(WAIT);

        hold.stockReserved(late, reservationEnds());
        assertThat(hold.status()).isEqualTo(Checkout.Status.RESERVING);

        assertThat(hold.expire(late)).isTrue();
        assertThat(hold.status()).as("never payable, so not an expired token").isEqualTo(Checkout.Status.FAILED);
    }

    @Test
    void aFlashHoldWhoseTokenLapsedExpires() {
        Checkout hold = hold();
        Instant reservedAt = ADMITTED.plusSeconds(2);
        hold.stockReserved(reservedAt, reservationEnds());

        assertThat(hold.expire(reservedAt.plus(TOKEN).minusMillis(1))).isFalse();
        assertThat(hold.expire(reservedAt.plus(TOKEN))).isTrue();
        assertThat(hold.status()).isEqualTo(Checkout.Status.EXPIRED);
        assertThatThrownBy(() -> hold.paidBy("order_1", reservedAt.plus(TOKEN))).isInstanceOf(Checkout.Expired.class);
    }

    @Test
    void aTwoStepCheckoutKeepsTheTimeItOpenedWithWhenItsStockIsReserved() {
        Checkout checkout = Checkout.open("chk_2", "user_1", "cart_1", List.of(LINE), TOTALS, null, List.of(), List.of(), ADMITTED,
                Duration.ofMinutes(15));

        checkout.stockReserved(ADMITTED.plusSeconds(3), ADMITTED.plus(Duration.ofMinutes(16)));

        assertThat(checkout.status()).isEqualTo(Checkout.Status.RESERVED);
        assertThat(checkout.expiresAt()).isEqualTo(ADMITTED.plus(Duration.ofMinutes(15)));
        assertThat(checkout.expire(ADMITTED.plus(Duration.ofMinutes(15)))).isTrue();
        assertThat(checkout.status()).isEqualTo(Checkout.Status.EXPIRED);
    }
}
