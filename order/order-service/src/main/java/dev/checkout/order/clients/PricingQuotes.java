package dev.checkout.order.clients;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import dev.checkout.platform.core.Money;
import dev.checkout.pricing.api.HeldQuoteRequest;
import dev.checkout.pricing.api.PricingQuote;
import dev.checkout.pricing.api.PricingRulesChanged;
import dev.checkout.pricing.api.QuoteDestination;
import dev.checkout.pricing.api.QuoteLine;
import dev.checkout.pricing.api.QuoteRequest;
import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.InternalApi;
import dev.checkout.platform.web.ServiceUrls;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.json.JsonMapper;
import dev.checkout.order.checkout.Checkout;
import dev.checkout.order.orders.Address;
import dev.checkout.order.orders.Order;

/**
 * What priced lines cost delivered. Without a coupon, by pricing's rules as this service keeps them
 * ({@link PricingRulesCopy}), or, before the first announcement of them has arrived, by pricing's quote API
 * ({@code POST /api/v1/pricing/quotes}). With a coupon, by its internal twin ({@code /api/v1/internal/pricing/quotes},
 * as this service), which holds one use of the coupon for the checkout or order being opened; the order events settle
 * that use later.
 */
@Component
public class PricingQuotes {

    private final ServiceCalls calls;
    private final InternalApi internal;
    private final ServiceUrls urls;
    private final JsonMapper json;
    private final PricingRulesCopy rulesCopy;

    PricingQuotes(ServiceCalls calls, InternalApi internal, ServiceUrls urls, JsonMapper json, PricingRulesCopy rulesCopy) {
        this.calls = calls;
        this.internal = internal;
        this.urls = urls;
        this.json = json;
        this.rulesCopy = rulesCopy;
    }

    public record Quote(Order.Totals totals, List<Checkout.Warning> warnings) {
    }

    /** A quote without a coupon. */
    public Quote quote(List<Order.Line> lines, String currency, Address shippingAddress) {
        return quote(lines, currency, shippingAddress, null, null, null);
    }

    /**
     * A quote; with a coupon, one use of it is held for {@code holdId} (the checkout or order id) of {@code userId}.
     *
     * @throws ApiException 422 {@code coupon_not_applicable} with its {@code reason} when the coupon does not apply
     *                      (nothing held), 503 when pricing cannot be reached (a use may be held: the caller's release
     *                      of {@code holdId} gives it back)
     */
    public Quote quote(List<Order.Line> lines, String currency, Address shippingAddress, String couponCode, String holdId, String userId) {
        boolean withCoupon = couponCode != null && !couponCode.isBlank();
        Optional<PricingRulesChanged> rules = withCoupon ? Optional.empty() : rulesCopy.current();
        if (rules.isPresent()) {
            BigDecimal subtotal = Money.of(lines.stream().map(Order.Line::total).map(Money::of).reduce(BigDecimal.ZERO, BigDecimal::add));
            return quoteOf(rules.get().quote(subtotal, Money.zero(), currency, String.valueOf(shippingAddress.country())), currency);
        }
        List<QuoteLine> items = lines.stream().map(l -> new QuoteLine(l.productId(), l.variantId(), l.quantity(), l.unitPrice())).toList();
        QuoteDestination destination = QuoteDestination.country(String.valueOf(shippingAddress.country()));
        PricingQuote quote;
        try {
            if (withCoupon) {
                quote = internal.post("pricing", "/api/v1/internal/pricing/quotes",
                        new HeldQuoteRequest(items, currency, destination, couponCode, holdId, userId), PricingQuote.class);
            } else {
                quote = calls.http().post().uri(urls.of("pricing") + "/api/v1/pricing/quotes")
                        .body(new QuoteRequest(items, currency, destination, null)).retrieve().body(PricingQuote.class);
            }
        } catch (HttpClientErrorException e) {
            throw refusal(e);
        } catch (RestClientException e) {
            throw ServiceCalls.unavailable("pricing");
        }
        return quoteOf(quote, currency);
    }

    private static Quote quoteOf(PricingQuote quote, String currency) {
        Order.Totals totals = new Order.Totals(Money.of(quote.subtotal()), Money.of(quote.discount()), Money.of(quote.tax()),
                Money.of(quote.shipping()), Money.of(quote.total()), currency);
        List<Checkout.Warning> warnings = quote.warnings() == null ? List.of()
                : quote.warnings().stream().map(w -> new Checkout.Warning(w.code(), null, w.message())).toList();
        return new Quote(totals, warnings);
    }

    /** Pricing's refusal of the coupon, passed on with its reason; any other refusal is this service's fault, not the client's. */
    private ApiException refusal(HttpClientErrorException e) {
        PricingQuote.Refusal problem = ServiceCalls.problem(json, e, PricingQuote.Refusal.class, new PricingQuote.Refusal(null, null, null));
        if (e.getStatusCode().value() == 422 && PricingQuote.Refusal.COUPON_NOT_APPLICABLE.equals(problem.code())) {
            return ApiException.unprocessable(PricingQuote.Refusal.COUPON_NOT_APPLICABLE,
                            problem.detail() == null ? "The coupon does not apply" : problem.detail())
                    .with("reason", problem.reason() == null ? "unknown" : problem.reason());
        }
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable", "The pricing service refused the quote; try again shortly");
    }
}
