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
    private static final Duration NOTICE = Duration.ofSeconds(30);
    private static final Order.Line LINE = new Order.Line("prod_1", null, "Widget", 1, new BigDecimal("9.99"));
    private static final Order.Totals TOTALS = new Order.Totals(new BigDecimal("9.99"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            new BigDecimal("9.99"), "USD");

    private static Checkout hold() {
        return Checkout.openHold("chk_1", "user_1", "tkt_1", List.of(LINE), TOTALS, ADMITTED, WAIT, NOTICE, TOKEN);
    }

    /** Inventory's reservation as a flash hold asks for it: twice its longest wait, notice time and token life. */
    private static Instant reservationEnds() {
        return ADMITTED.plus(WAIT.plus(NOTICE).plus(TOKEN).multipliedBy(2));
    }

    /** The longest a reserved hold is payable: the time to notice its token and the token's life. */
    private static final Duration PAYABLE = NOTICE.plus(TOKEN);

    @Test
    void aFlashHoldIsPayableForItsNoticeTimeAndATokensLifeFromTheMomentItsStockIsReservedHoweverLongThatTook() {
        Checkout hold = hold();
        Instant reservedAt = ADMITTED.plusSeconds(30); // three token lives after admission

        hold.stockReserved(reservedAt, reservationEnds());

        assertThat(hold.status()).isEqualTo(Checkout.Status.RESERVED);
        assertThat(hold.expiresAt()).as("time to notice the token, and a life to use it").isEqualTo(reservedAt.plus(PAYABLE));
        hold.paidBy("order_1", reservedAt.plus(PAYABLE).minusMillis(1));
        assertThat(hold.status()).isEqualTo(Checkout.Status.PAID);
    }

    @Test
    void aTokenLivesOneLifeFromItsHoldersFirstLookAndLaterLooksChangeNothing() {
        Checkout hold = hold();
        Instant reservedAt = ADMITTED.plusSeconds(2);
        hold.stockReserved(reservedAt, reservationEnds());
        Instant firstLook = reservedAt.plusSeconds(4);

        assertThat(hold.tokenSeen(firstLook)).isTrue();
        assertThat(hold.expiresAt()).isEqualTo(firstLook.plus(TOKEN));
        assertThat(hold.tokenSeen(firstLook.plusSeconds(3))).isFalse();
        assertThat(hold.expiresAt()).isEqualTo(firstLook.plus(TOKEN));
    }

    @Test
    void aTokenFirstSeenAfterItsNoticeTimeKeepsOnlyWhatWasLeft() {
        Checkout hold = hold();
        Instant reservedAt = ADMITTED.plusSeconds(2);
        hold.stockReserved(reservedAt, reservationEnds());

        assertThat(hold.tokenSeen(reservedAt.plus(NOTICE).plusSeconds(5))).isFalse();
        assertThat(hold.expiresAt()).isEqualTo(reservedAt.plus(PAYABLE));
        assertThat(hold.tokenSeen(reservedAt.plus(PAYABLE))).as("lapsed: nothing to see").isFalse();
    }

    @Test
    void aLookBeforeTheStockIsReservedStartsNothing() {
        Checkout hold = hold();

        assertThat(hold.tokenSeen(ADMITTED.plusSeconds(1))).isFalse();
        assertThat(hold.expiresAt()).isEqualTo(ADMITTED.plus(WAIT));
    }

    @Test
    void aFlashHoldsTokenEndsOneLifeBeforeInventoryLetsGoOfItsStockSoALastMomentOrderStillFindsIt() {
        Checkout hold = hold();
        Instant reservedAt = ADMITTED.plusSeconds(5);
        Instant reservationEnds = reservedAt.plus(PAYABLE);

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
        Instant seen = reservedAt.plusSeconds(1);
        hold.tokenSeen(seen);

        assertThat(hold.expire(seen.plus(TOKEN).minusMillis(1))).isFalse();
        assertThat(hold.expire(seen.plus(TOKEN))).isTrue();
        assertThat(hold.status()).isEqualTo(Checkout.Status.EXPIRED);
        assertThatThrownBy(() -> hold.paidBy("order_1", seen.plus(TOKEN))).isInstanceOf(Checkout.Expired.class);
    }

    @Test
    void aFlashHoldNobodyLooksAtLapsesAfterItsNoticeTimeAndALife() {
        Checkout hold = hold();
        Instant reservedAt = ADMITTED.plusSeconds(2);
        hold.stockReserved(reservedAt, reservationEnds());

        assertThat(hold.expire(reservedAt.plus(PAYABLE).minusMillis(1))).isFalse();
        assertThat(hold.expire(reservedAt.plus(PAYABLE))).isTrue();
    }

    @Test
    void aTwoStepCheckoutKeepsTheTimeItOpenedWithWhenItsStockIsReserved() {
        Checkout checkout = Checkout.open("chk_2", "user_1", "cart_1", List.of(LINE), TOTALS, null, List.of(), List.of(), ADMITTED,
                Duration.ofMinutes(15));

        checkout.stockReserved(ADMITTED.plusSeconds(3), ADMITTED.plus(Duration.ofMinutes(16)));

        assertThat(checkout.status()).isEqualTo(Checkout.Status.RESERVED);
        assertThat(checkout.expiresAt()).isEqualTo(ADMITTED.plus(Duration.ofMinutes(15)));
        assertThat(checkout.tokenSeen(ADMITTED.plusSeconds(4))).as("no token to see").isFalse();
        assertThat(checkout.expire(ADMITTED.plus(Duration.ofMinutes(15)))).isTrue();
        assertThat(checkout.status()).isEqualTo(Checkout.Status.EXPIRED);
    }

    @Test
    void aLapsedTokensStockCountsAsHeldUntilInventorySaysItIsBack() {
        Checkout hold = hold();
        Instant reservedAt = ADMITTED.plusSeconds(2);
        hold.stockReserved(reservedAt, reservationEnds());
        assertThat(hold.isStockReleasing()).as("reserved, not let go").isFalse();

        hold.expire(reservedAt.plus(PAYABLE));
        assertThat(hold.isStockReleasing()).as("let go, inventory not yet answered").isTrue();

        hold.stockReleased();
        assertThat(hold.isStockReleasing()).isFalse();
    }

    @Test
    void aHoldLetGoBeforeInventoryAnsweredCountsAsHeldUntilTheReleaseIsAnsweredToo() {
        Checkout hold = hold();

        hold.expire(ADMITTED.plus(WAIT));

        assertThat(hold.status()).isEqualTo(Checkout.Status.FAILED);
        assertThat(hold.isStockReleasing()).as("inventory may reserve it yet, before it takes the release").isTrue();
    }

    @Test
    void aRefusedHoldHoldsNothingToRelease() {
        Checkout hold = hold();

        hold.stockRefused(List.of());

        assertThat(hold.status()).isEqualTo(Checkout.Status.FAILED);
        assertThat(hold.isStockReleasing()).isFalse();
    }
}
