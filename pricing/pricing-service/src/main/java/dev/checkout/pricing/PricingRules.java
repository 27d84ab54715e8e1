package dev.checkout.pricing;

import java.math.BigDecimal;
import java.util.Map;

import dev.checkout.pricing.api.PricingRulesChanged;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tax and shipping rules ({@code checkout.pricing.*}), by ISO country code.
 *
 * @param taxRates         the tax rate of a country, as a fraction of the discounted subtotal ({@code US: 0.08})
 * @param defaultTaxRate   for countries not listed
 * @param shippingFees     the flat shipping fee of a country
 * @param defaultShipping  for countries not listed
 * @param freeShippingOver a subtotal at or above which shipping is free; null turns free shipping off
 */
@ConfigurationProperties("checkout.pricing")
record PricingRules(
        @DefaultValue({}) Map<String, BigDecimal> taxRates,
        @DefaultValue("0.00") BigDecimal defaultTaxRate,
        @DefaultValue({}) Map<String, BigDecimal> shippingFees,
        @DefaultValue("0.00") BigDecimal defaultShipping,
        BigDecimal freeShippingOver) {

    /** The rules as they are announced to the services that quote with a copy of them. */
    PricingRulesChanged announced() {
        return new PricingRulesChanged(taxRates, defaultTaxRate, shippingFees, defaultShipping, freeShippingOver);
    }
}
