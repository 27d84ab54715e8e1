package dev.checkout.platform.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money is {@link BigDecimal} with two decimals, rounded half-even, never {@code double}. Gateways count in minor
 * units (cents), as Stripe does.
 */
public final class Money {

    public static final String DEFAULT_CURRENCY = "USD";

    private Money() {
    }

    public static BigDecimal of(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }

    public static BigDecimal of(String amount) {
        return of(new BigDecimal(amount));
    }

    public static BigDecimal zero() {
        return of(BigDecimal.ZERO);
    }

    public static long toMinorUnits(BigDecimal amount) {
        return of(amount).movePointRight(2).longValueExact();
    }

    public static BigDecimal fromMinorUnits(long minorUnits) {
        return BigDecimal.valueOf(minorUnits, 2);
    }
}
