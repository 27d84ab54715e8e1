package dev.checkout.order.checkout;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.RateLimited;
import dev.checkout.platform.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.checkout.order.orders.Address;
import dev.checkout.order.orders.Order;
import dev.checkout.order.orders.PaymentMethodRequest;
import dev.checkout.order.orders.ShippingAddressRequest;
import dev.checkout.order.orders.OrderQueries;

/** The two-step checkout: {@code POST /api/v1/checkouts}, {@code GET /api/v1/checkouts/{id}}, {@code POST .../pay}. */
@RestController
@RequestMapping("/api/v1/checkouts")
class CheckoutController {

    private final CheckoutOpening opening;
    private final CheckoutPayment payment;
    private final OrderQueries queries;

    CheckoutController(CheckoutOpening opening, CheckoutPayment payment, OrderQueries queries) {
        this.opening = opening;
        this.payment = payment;
        this.queries = queries;
    }

    @PostMapping
    @RateLimited(operation = "checkout-user", per = RateLimited.Per.USER)
    ResponseEntity<CheckoutView> open(Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                                      @Valid @RequestBody OpenCheckoutRequest request) {
        String userId = caller.requireUserId();
        if ((request.shippingAddress() == null) == (request.shippingAddressId() == null)) {
            throw ApiException.badRequest("validation_failed", "Give either shipping_address or shipping_address_id")
                    .with("errors", List.of(Map.of("field", "shipping_address", "message", "give either shipping_address or shipping_address_id")));
        }
        CheckoutOpening.Opened opened = opening.open(userId, authorization, request.cartId(),
                request.shippingAddress() == null ? null : request.shippingAddress().toAddress(), request.shippingAddressId(), request.couponCode());
        Checkout checkout = opened.checkout();
        if (checkout.status() == Checkout.Status.FAILED) {
            throw ApiException.conflict("insufficient_stock", "Some items are not in stock in the quantity asked; nothing is reserved")
                    .with("failed_items", checkout.failedItems()).with("checkout_id", checkout.checkoutId());
        }
        return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK).body(CheckoutView.of(checkout));
    }

    @GetMapping("/{checkoutId}")
    CheckoutView checkout(Caller caller, @PathVariable String checkoutId) {
        return CheckoutView.of(queries.checkout(checkoutId, caller.requireUserId()));
    }

    @PostMapping("/{checkoutId}/pay")
    @RateLimited(operation = "pay-user", per = RateLimited.Per.USER)
    ResponseEntity<Object> pay(Caller caller, @PathVariable String checkoutId,
                               @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                               @Valid @RequestBody PayRequest request) {
        String userId = caller.requireUserId();
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw ApiException.badRequest("idempotency_key_missing", "This request needs an Idempotency-Key header");
        }
        return payment.pay(userId, caller.email(), idempotencyKey, checkoutId, request.paymentMethod().toPaymentMethod(), request).toResponseEntity();
    }

    record OpenCheckoutRequest(
            @NotBlank(message = "is required") @Size(max = 100) String cartId,
            @Valid ShippingAddressRequest shippingAddress,
            @Size(max = 100) String shippingAddressId,
            @Size(max = 64) String couponCode) {
    }

    record PayRequest(@NotNull(message = "is required") @Valid PaymentMethodRequest paymentMethod) {
    }

    record CheckoutView(String checkoutId, String status, String cartId, List<Item> items, BigDecimal subtotal, BigDecimal discount,
                        BigDecimal tax, BigDecimal shipping, BigDecimal total, String currency, Instant expiresAt,
                        List<Checkout.PriceChange> priceChanges, List<Checkout.Warning> warnings, Address shippingAddress,
                        String orderId, Instant createdAt) {

        record Item(String productId, String variantId, String name, int quantity, BigDecimal unitPrice, BigDecimal totalPrice) {
        }

        static CheckoutView of(Checkout c) {
            Order.Totals t = c.totals();
            return new CheckoutView(c.checkoutId(), c.status().name(), c.cartId(),
                    c.lines().stream().map(l -> new Item(l.productId(), l.variantId(), l.name(), l.quantity(), l.unitPrice(), l.total())).toList(),
                    t.subtotal(), t.discount(), t.tax(), t.shipping(), t.total(), t.currency(), c.expiresAt(), c.priceChanges(),
                    c.warnings(), c.shippingAddress(), c.orderId(), c.createdAt());
        }
    }
}
