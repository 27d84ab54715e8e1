package dev.checkout.pricing.api;

import java.math.BigDecimal;
import java.util.List;

/** A quote: what the lines cost delivered, in {@code currency}, with the tax rate applied and any warnings. */
public record PricingQuote(BigDecimal subtotal, BigDecimal discount, BigDecimal tax, BigDecimal shipping, BigDecimal total,
                           String currency, BigDecimal taxRate, List<Warning> warnings) {

    /** Something the customer should know about the quote, by a stable {@code code}. */
    public record Warning(String code, String message) {
    }
}
