package dev.checkout.pricing;

import java.math.BigDecimal;
import java.util.List;

import dev.checkout.pricing.api.PricingQuote;
import dev.checkout.pricing.api.PricingRulesChanged;
import dev.checkout.platform.core.Money;
import org.springframework.stereotype.Service;

/**
 * Computes a quote: subtotal, a coupon's discount, then tax, shipping and total by the rules' own arithmetic
 * ({@link PricingRulesChanged#quote}), the same a service quoting from its copy of the rules does.
 */
@Service
class Quotes {

    private final PricingRules rules;
    private final CouponHolds coupons;

    Quotes(PricingRules rules, CouponHolds coupons) {
        this.rules = rules;
        this.coupons = coupons;
    }

    /** Who a coupon's use is held for: the checkout or order id the quote is made for, and its customer. */
    record Holder(String holdId, String userId) {
    }

    record Line(String productId, String variantId, int quantity, BigDecimal unitPrice) {
        BigDecimal total() {
            return Money.of(unitPrice.multiply(BigDecimal.valueOf(quantity)));
        }
    }

    /**
     * The quote, with the coupon's discount when one is named: without a {@code holder} a preview that takes nothing,
     * with one a use held for it.
     *
     * @throws CouponNotApplicable when the coupon does not apply (nothing held)
     */
    PricingQuote quote(List<Line> lines, String currency, String country, String couponCode, Holder holder) {
        BigDecimal subtotal = Money.of(lines.stream().map(Line::total).reduce(BigDecimal.ZERO, BigDecimal::add));
        BigDecimal discount = Money.zero();
        if (couponCode != null && !couponCode.isBlank()) {
            discount = holder == null ? coupons.preview(couponCode, subtotal, currency)
                    : coupons.hold(couponCode, holder.holdId(), holder.userId(), subtotal, currency);
        }
        return rules.announced().quote(subtotal, discount, currency, country);
    }
}
