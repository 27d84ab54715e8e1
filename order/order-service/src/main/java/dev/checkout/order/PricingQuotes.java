package dev.checkout.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.core.Money;
import dev.checkout.platform.web.ServiceUrls;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/** What priced lines cost delivered: the pricing service's quote API ({@code POST /api/v1/pricing/quotes}). */
@Component
class PricingQuotes {

    private final ServiceCalls calls;
    private final ServiceUrls urls;

    PricingQuotes(ServiceCalls calls, ServiceUrls urls) {
        this.calls = calls;
        this.urls = urls;
    }

    record Quote(Order.Totals totals, List<Checkout.Warning> warnings) {
    }

    Quote quote(List<Order.Line> lines, String currency, Address shippingAddress, String couponCode) {
        Map<String, Object> request = new java.util.LinkedHashMap<>();
        request.put("items", lines.stream().map(l -> {
            Map<String, Object> item = new java.util.LinkedHashMap<>();
            item.put("product_id", l.productId());
            item.put("variant_id", l.variantId());
            item.put("quantity", l.quantity());
            item.put("unit_price", l.unitPrice());
            return item;
        }).toList());
        request.put("currency", currency);
        request.put("shipping_address", Map.of("country", String.valueOf(shippingAddress.country())));
        request.put("coupon_code", couponCode);
        JsonNode quote;
        try {
            quote = calls.http().post().uri(urls.of("pricing") + "/api/v1/pricing/quotes").body(request).retrieve().body(JsonNode.class);
        } catch (RestClientException e) {
            throw ServiceCalls.unavailable("pricing");
        }
        Order.Totals totals = new Order.Totals(amount(quote, "subtotal"), amount(quote, "discount"), amount(quote, "tax"),
                amount(quote, "shipping"), amount(quote, "total"), currency);
        List<Checkout.Warning> warnings = new java.util.ArrayList<>();
        quote.path("warnings").forEach(w -> warnings.add(new Checkout.Warning(w.path("code").asString(), null, w.path("message").asString())));
        return new Quote(totals, warnings);
    }

    private static BigDecimal amount(JsonNode quote, String field) {
        return Money.of(quote.path(field).decimalValue());
    }
}
