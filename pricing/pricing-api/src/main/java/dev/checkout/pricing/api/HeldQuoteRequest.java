package dev.checkout.pricing.api;

import java.util.List;

/**
 * {@code POST /api/v1/internal/pricing/quotes} (services only): a quote whose coupon use is held for {@code holdId} (a
 * checkout or order id) of the customer {@code userId}.
 */
public record HeldQuoteRequest(List<QuoteLine> items, String currency, QuoteDestination shippingAddress, String couponCode,
                               String holdId, String userId) {
}
