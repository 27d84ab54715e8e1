package dev.checkout.pricing.api;

import java.util.List;

/** {@code POST /api/v1/pricing/quotes}: what these lines cost delivered, a coupon previewed (nothing held). */
public record QuoteRequest(List<QuoteLine> items, String currency, QuoteDestination shippingAddress, String couponCode) {
}
