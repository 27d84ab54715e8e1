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

    /** More than any amount of money: a quadrillion (10^15) in any currency's major unit. */
    public static final int MAX_INTEGER_DIGITS = 15;

    /**
     * The amount in cents, rounded half-even.
     *
     * @throws IllegalArgumentException when it has more than {@link #MAX_INTEGER_DIGITS} digits before the point:
     *                                  {@code setScale} on {@code 5e500000000} would build a number of half a billion
     *                                  digits (minutes of CPU), so it is refused before, at no cost
     */
    public static BigDecimal of(BigDecimal amount) {
        if ((long) amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException("an amount of money has at most " + MAX_INTEGER_DIGITS + " digits before the point");
        }
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
