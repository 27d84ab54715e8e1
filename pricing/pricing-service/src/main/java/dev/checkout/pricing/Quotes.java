package dev.checkout.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.core.Money;
import org.springframework.stereotype.Service;

/** Computes a quote: subtotal, discount, tax on the discounted subtotal, shipping, total; every amount rounded half-even. */
@Service
class Quotes {

    private final PricingRules rules;

    Quotes(PricingRules rules) {
        this.rules = rules;
    }

    record Line(String productId, String variantId, int quantity, BigDecimal unitPrice) {
        BigDecimal total() {
            return Money.of(unitPrice.multiply(BigDecimal.valueOf(quantity)));
        }
    }

    record Quote(BigDecimal subtotal, BigDecimal discount, BigDecimal tax, BigDecimal shipping, BigDecimal total, String currency,
                 BigDecimal taxRate, List<Map<String, String>> warnings) {
    }

    Quote quote(List<Line> lines, String currency, String country, String couponCode) {
        BigDecimal subtotal = Money.of(lines.stream().map(Line::total).reduce(BigDecimal.ZERO, BigDecimal::add));
        List<Map<String, String>> warnings = new ArrayList<>();
        BigDecimal discount = Money.zero();
        if (couponCode != null && !couponCode.isBlank()) {
            warnings.add(Map.of("code", "coupon_not_applicable", "message", "Coupon " + couponCode + " does not apply"));
        }
        BigDecimal taxable = subtotal.subtract(discount);
        BigDecimal taxRate = rules.taxRateOf(country);
        BigDecimal tax = taxable.multiply(taxRate).setScale(2, RoundingMode.HALF_EVEN);
        boolean freeShipping = rules.freeShippingOver() != null && subtotal.compareTo(rules.freeShippingOver()) >= 0;
        BigDecimal shipping = freeShipping ? Money.zero() : Money.of(rules.shippingFeeOf(country));
        BigDecimal total = Money.of(taxable.add(tax).add(shipping));
        return new Quote(subtotal, discount, tax, shipping, total, currency, taxRate, warnings);
    }
}
