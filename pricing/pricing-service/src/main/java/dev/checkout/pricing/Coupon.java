package dev.checkout.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import dev.checkout.platform.core.Money;

/**
 * A coupon as the admin defined it, with its counters: {@code inUse} (held by live checkouts and orders, or redeemed)
 * and {@code redemptions} (confirmed orders). Decides by itself whether it applies to a subtotal and what it takes off.
 */
record Coupon(String code, Type type, BigDecimal value, String currency, BigDecimal minSubtotal, Instant startsAt, Instant endsAt,
              Integer maxRedemptions, Integer maxRedemptionsPerUser, boolean active, int inUse, int redemptions, Instant createdAt) {

    enum Type { PERCENT, FIXED }

    /** Codes are case-insensitive: stored and looked up in upper case. */
    static String normalize(String code) {
        return code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
    }

    /**
     * Why the coupon does not apply to this subtotal now (one of the contract's reasons), or empty when it does. Only
     * the limits that need the counters under lock ({@code exhausted}, {@code per_user_limit}) are left to the hold.
     */
    Optional<String> refusal(BigDecimal subtotal, String quoteCurrency, Instant now) {
        if (!active) {
            return Optional.of("inactive");
        }
        if (startsAt != null && now.isBefore(startsAt)) {
            return Optional.of("not_started");
        }
        if (endsAt != null && !now.isBefore(endsAt)) {
            return Optional.of("expired");
        }
        if (!currency.equals(quoteCurrency)) {
            return Optional.of("unknown"); // a coupon exists only in its own currency
        }
        if (minSubtotal != null && subtotal.compareTo(minSubtotal) < 0) {
            return Optional.of("min_subtotal_not_met");
        }
        if (maxRedemptions != null && inUse >= maxRedemptions) {
            return Optional.of("exhausted");
        }
        return Optional.empty();
    }

    /** What the coupon takes off the subtotal: a percentage rounded half-even to cents, or a fixed amount at most the subtotal. */
    BigDecimal discountOn(BigDecimal subtotal) {
        BigDecimal discount = switch (type) {
            case PERCENT -> subtotal.multiply(value).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_EVEN);
            case FIXED -> value.min(subtotal);
        };
        return Money.of(discount);
    }
}
