package dev.checkout.pricing.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.checkout.platform.contracts.MessageType;

/**
 * The rules pricing quotes by, announced when the pricing service starts: tax and shipping by ISO country code. A
 * service that keeps this copy quotes lines without a coupon exactly as pricing would ({@link #quote}), without asking
 * it; a coupon still needs pricing, which holds its use.
 *
 * @param taxRates         the tax rate of a country, as a fraction of the discounted subtotal ({@code US: 0.08})
 * @param defaultTaxRate   for countries not listed
 * @param shippingFees     the flat shipping fee of a country
 * @param defaultShipping  for countries not listed
 * @param freeShippingOver a subtotal (before discount) at or above which shipping is free; null: never free
 */
@MessageType("PricingRulesChanged")
public record PricingRulesChanged(Map<String, BigDecimal> taxRates, BigDecimal defaultTaxRate, Map<String, BigDecimal> shippingFees,
                                  BigDecimal defaultShipping, BigDecimal freeShippingOver) {

    /** Every announcement has this key: one partition, so the last one read is the last one made. */
    public static final String KEY = "pricing-rules";

    public PricingRulesChanged {
        taxRates = taxRates == null ? Map.of() : Map.copyOf(taxRates);
        shippingFees = shippingFees == null ? Map.of() : Map.copyOf(shippingFees);
        defaultTaxRate = defaultTaxRate == null ? BigDecimal.ZERO : defaultTaxRate;
        defaultShipping = defaultShipping == null ? BigDecimal.ZERO : defaultShipping;
    }

    public BigDecimal taxRateOf(String country) {
        return taxRates.getOrDefault(normalize(country), defaultTaxRate);
    }

    public BigDecimal shippingFeeOf(String country) {
        return shippingFees.getOrDefault(normalize(country), defaultShipping);
    }

    /**
     * What {@code subtotal} less {@code discount} costs delivered to {@code country}: tax on the discounted subtotal,
     * shipping free from the threshold on (judged on the subtotal before discount), every amount rounded half-even to
     * cents.
     */
    public PricingQuote quote(BigDecimal subtotal, BigDecimal discount, String currency, String country) {
        BigDecimal taxable = cents(subtotal.subtract(discount));
        BigDecimal taxRate = taxRateOf(country);
        BigDecimal tax = cents(taxable.multiply(taxRate));
        boolean freeShipping = freeShippingOver != null && subtotal.compareTo(freeShippingOver) >= 0;
        BigDecimal shipping = freeShipping ? cents(BigDecimal.ZERO) : cents(shippingFeeOf(country));
        return new PricingQuote(cents(subtotal), cents(discount), tax, shipping, cents(taxable.add(tax).add(shipping)), currency,
                taxRate, List.of());
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }

    private static String normalize(String country) {
        return country == null ? "" : country.trim().toUpperCase(Locale.ROOT);
    }
}
