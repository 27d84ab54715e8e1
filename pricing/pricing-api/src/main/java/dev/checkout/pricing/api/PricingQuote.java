package dev.checkout.pricing.api;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A quote: what the lines cost delivered, in {@code currency}, with the tax rate applied and any warnings. Read tolerantly. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PricingQuote(BigDecimal subtotal, BigDecimal discount, BigDecimal tax, BigDecimal shipping, BigDecimal total,
                           String currency, BigDecimal taxRate, List<Warning> warnings) {

    /** Something the customer should know about the quote, by a stable {@code code}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Warning(String code, String message) {
    }

    /**
     * Pricing's refusal of a quote (an RFC 9457 problem): 422 {@code coupon_not_applicable} carries the contract's
     * {@code reason} ({@code expired}, {@code min_order_not_met}, ...).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Refusal(String code, String detail, String reason) {

        public static final String COUPON_NOT_APPLICABLE = "coupon_not_applicable";
    }
}
