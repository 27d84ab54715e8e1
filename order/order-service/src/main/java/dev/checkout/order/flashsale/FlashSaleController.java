package dev.checkout.order.flashsale;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.Caller;
import dev.checkout.platform.web.PageQuery;
import dev.checkout.platform.web.Pagination;
import dev.checkout.platform.web.RateLimited;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import dev.checkout.order.orders.PaymentMethodRequest;
import dev.checkout.order.orders.ShippingAddressRequest;

/**
 * Flash sales over HTTP: admins define them ({@code POST /admin/flash-sales}), anyone looks at one, customers queue,
 * poll their ticket and buy with the purchase token their admission gave them.
 */
@RestController
class FlashSaleController {

    private final FlashSaleCatalog catalog;
    private final FlashSaleQueueing queueing;
    private final FlashSaleOrdering ordering;

    FlashSaleController(FlashSaleCatalog catalog, FlashSaleQueueing queueing, FlashSaleOrdering ordering) {
        this.catalog = catalog;
        this.queueing = queueing;
        this.ordering = ordering;
    }

    @PostMapping("/api/v1/admin/flash-sales")
    @ResponseStatus(HttpStatus.CREATED)
    FlashSaleCatalog.SaleView define(@Valid @RequestBody DefineRequest request) {
        if (!request.endsAt().isAfter(request.startsAt())) {
            throw invalid("ends_at", "must be after starts_at");
        }
        if (!request.endsAt().isAfter(Instant.now())) {
            throw invalid("ends_at", "must be in the future");
        }
        return catalog.define(new FlashSaleCatalog.Definition(request.productId(), request.variantId(), request.quantity(),
                request.salePrice(), request.startsAt(), request.endsAt(), request.perUserLimit()));
    }

    /** Every sale, the latest to start first, each with its status and remaining units now (the back office's list). */
    @GetMapping("/api/v1/admin/flash-sales")
    Map<String, Object> list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer limit) {
        PageQuery query = PageQuery.of(page, limit);
        return Map.of("flash_sales", catalog.list(query.limit(), query.offset()), "pagination", Pagination.of(query, catalog.count()));
    }

    @GetMapping("/api/v1/flash-sales/{flashSaleId}")
    FlashSaleCatalog.SaleView show(@PathVariable String flashSaleId) {
        return catalog.show(flashSaleId);
    }

    @PostMapping("/api/v1/flash-sales/{flashSaleId}/queue")
    ResponseEntity<FlashSaleQueueing.TicketView> join(Caller caller, @PathVariable String flashSaleId, @Valid @RequestBody JoinRequest request) {
        FlashSaleQueueing.TicketView ticket = queueing.join(caller.requireUserId(), flashSaleId, request.quantity());
        // A join the sale cannot take any more is answered, not accepted: nothing was queued.
        return ResponseEntity.status(ticket.ticketId() == null ? HttpStatus.OK : HttpStatus.ACCEPTED).body(ticket);
    }

    @GetMapping("/api/v1/flash-sales/{flashSaleId}/queue/{ticketId}")
    FlashSaleQueueing.TicketView ticket(Caller caller, @PathVariable String flashSaleId, @PathVariable String ticketId) {
        return queueing.ticket(caller.requireUserId(), flashSaleId, ticketId);
    }

    @PostMapping("/api/v1/flash-sales/{flashSaleId}/orders")
    @RateLimited(operation = "checkout-user", per = RateLimited.Per.USER)
    ResponseEntity<Object> order(Caller caller, @PathVariable String flashSaleId,
                                 @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                 @Valid @RequestBody OrderRequest request) {
        String userId = caller.requireUserId();
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw ApiException.badRequest("idempotency_key_missing", "This request needs an Idempotency-Key header");
        }
        return ordering.order(userId, caller.email(), idempotencyKey, flashSaleId, request.purchaseToken(),
                request.shippingAddress().toAddress(), request.paymentMethod().toPaymentMethod(), request).toResponseEntity();
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.badRequest("validation_failed", field + " " + message)
                .with("errors", List.of(Map.of("field", field, "message", message)));
    }

    record DefineRequest(
            @NotBlank(message = "is required") @Size(max = 100) String productId,
            @Size(max = 100) String variantId,
            @NotNull(message = "is required") @Min(value = 1, message = "must be at least 1") @Max(value = 10_000_000, message = "must be at most 10000000") Integer quantity,
            @NotNull(message = "is required") @DecimalMin(value = "0.00", message = "must not be negative") @Digits(integer = 13, fraction = 2, message = "must have at most two decimals") BigDecimal salePrice,
            @NotNull(message = "is required") Instant startsAt,
            @NotNull(message = "is required") Instant endsAt,
            @NotNull(message = "is required") @Min(value = 1, message = "must be at least 1") @Max(value = 1000, message = "must be at most 1000") Integer perUserLimit) {
    }

    record JoinRequest(
            @NotNull(message = "is required") @Min(value = 1, message = "must be at least 1") @Max(value = 1000, message = "must be at most 1000") Integer quantity) {
    }

    record OrderRequest(
            @NotBlank(message = "is required") @Size(max = 100) String purchaseToken,
            @NotNull(message = "is required") @Valid ShippingAddressRequest shippingAddress,
            @NotNull(message = "is required") @Valid PaymentMethodRequest paymentMethod) {
    }
}
