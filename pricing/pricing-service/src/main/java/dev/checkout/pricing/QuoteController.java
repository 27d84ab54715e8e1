package dev.checkout.pricing;

import dev.checkout.pricing.api.PricingQuote;
import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/pricing/quotes}: what lines at these prices cost delivered to this country, a coupon previewed.
 * {@code POST /api/v1/internal/pricing/quotes} (services only): the same, with the coupon's use held for the checkout
 * or order named by {@code hold_id}; only the order service opens checkouts, so only it may hold uses.
 */
@RestController
class QuoteController {

    private final Quotes quotes;

    QuoteController(Quotes quotes) {
        this.quotes = quotes;
    }

    @PostMapping("/api/v1/pricing/quotes")
    PricingQuote quote(@Valid @RequestBody QuoteRequest request) {
        return quote(request, null);
    }

    @PostMapping("/api/v1/internal/pricing/quotes")
    PricingQuote quoteAndHold(@Valid @RequestBody HoldingQuoteRequest request) {
        return quote(request.quote(), new Quotes.Holder(request.holdId(), request.userId()));
    }

    private PricingQuote quote(QuoteRequest request, Quotes.Holder holder) {
        return quotes.quote(request.items().stream()
                        .map(item -> new Quotes.Line(item.productId(), item.variantId(), item.quantity(), item.unitPrice())).toList(),
                request.currency() == null ? "USD" : request.currency(), request.shippingAddress().country(), request.couponCode(), holder);
    }

    /** A quote whose coupon use is held for {@code hold_id} (a checkout or order id) of the customer {@code user_id}. */
    record HoldingQuoteRequest(
            @NotEmpty(message = "must name at least one item") @Size(max = 100) List<@Valid @NotNull Item> items,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
            @NotNull(message = "is required") @Valid Destination shippingAddress,
            @Size(max = 64) String couponCode,
            @NotBlank(message = "is required") @Size(max = 100) String holdId,
            @NotBlank(message = "is required") @Size(max = 100) String userId) {

        QuoteRequest quote() {
            return new QuoteRequest(items, currency, shippingAddress, couponCode);
        }
    }

    record QuoteRequest(
            @NotEmpty(message = "must name at least one item") @Size(max = 100) List<@Valid @NotNull Item> items,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
            @NotNull(message = "is required") @Valid Destination shippingAddress,
            @Size(max = 64) String couponCode) {
    }

    record Item(
            @NotBlank(message = "is required") String productId,
            String variantId,
            @NotNull(message = "is required") @Min(value = 1, message = "must be at least 1") @Max(1000) Integer quantity,
            @NotNull(message = "is required") @DecimalMin(value = "0.00", message = "must not be negative") BigDecimal unitPrice) {
    }

    record Destination(@NotBlank(message = "is required") @Size(min = 2, max = 100) String country, String state, String zip) {
    }
}
