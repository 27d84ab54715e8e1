package dev.checkout.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class CouponTest {

    static final Instant NOW = Instant.parse("2026-11-21T10:30:00Z");

    static Coupon percentOff(String percent) {
        return new Coupon("SAVE", Coupon.Type.PERCENT, new BigDecimal(percent), "USD", null, null, null, null, null, true, 0, 0, NOW);
    }

    static Coupon fixedOff(String amount) {
        return new Coupon("FIVE", Coupon.Type.FIXED, new BigDecimal(amount), "USD", null, null, null, null, null, true, 0, 0, NOW);
    }

    @Test
    void aPercentCouponTakesItsShareOfTheSubtotalRoundedHalfEvenToCents() {
        assertThat(percentOff("10").discountOn(new BigDecimal("25.00"))).isEqualByComparingTo("2.50");
        assertThat(percentOff("15").discountOn(new BigDecimal("0.30"))).isEqualByComparingTo("0.04");
        assertThat(percentOff("15").discountOn(new BigDecimal("0.10"))).as("0.015 rounds to the even cent").isEqualByComparingTo("0.02");
    }

    @Test
    void aFixedCouponNeverTakesMoreThanTheSubtotal() {
        assertThat(fixedOff("5.00").discountOn(new BigDecimal("25.00"))).isEqualByComparingTo("5.00");
        assertThat(fixedOff("5.00").discountOn(new BigDecimal("3.20"))).isEqualByComparingTo("3.20");
    }

    @Test
    void aCouponAppliesInsideItsWindowAboveItsMinimumAndInItsCurrency() {
        Coupon coupon = new Coupon("WINDOW", Coupon.Type.FIXED, BigDecimal.ONE, "USD", new BigDecimal("20.00"),
                NOW.minusSeconds(60), NOW.plusSeconds(60), 5, null, true, 4, 0, NOW);
        assertThat(coupon.refusal(new BigDecimal("20.00"), "USD", NOW)).isEmpty();
        assertThat(coupon.refusal(new BigDecimal("19.99"), "USD", NOW)).contains("min_subtotal_not_met");
        assertThat(coupon.refusal(new BigDecimal("20.00"), "USD", NOW.minusSeconds(61))).contains("not_started");
        assertThat(coupon.refusal(new BigDecimal("20.00"), "USD", NOW.plusSeconds(60))).as("ends_at is exclusive").contains("expired");
        assertThat(coupon.refusal(new BigDecimal("20.00"), "EUR", NOW)).contains("unknown");
    }

    @Test
    void aRetiredOrUsedUpCouponIsRefused() {
        Coupon retired = new Coupon("OLD", Coupon.Type.FIXED, BigDecimal.ONE, "USD", null, null, null, null, null, false, 0, 0, NOW);
        Coupon usedUp = new Coupon("GONE", Coupon.Type.FIXED, BigDecimal.ONE, "USD", null, null, null, 3, null, true, 3, 2, NOW);
        assertThat(retired.refusal(BigDecimal.TEN, "USD", NOW)).contains("inactive");
        assertThat(usedUp.refusal(BigDecimal.TEN, "USD", NOW)).contains("exhausted");
    }

    @Test
    void codesAreCaseInsensitive() {
        assertThat(Coupon.normalize(" save10 ")).isEqualTo("SAVE10");
    }
}
