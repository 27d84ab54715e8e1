package dev.checkout.order;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.checkout.payment.api.PaymentMethod;
import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.RateLimited;
import dev.checkout.platform.web.Caller;
import dev.checkout.platform.web.PageQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/orders}: placing an order directly, and reading one's orders. */
@RestController
@RequestMapping("/api/v1/orders")
class OrderController {

    private final OrderPlacement placement;
    private final OrderQueries queries;

    OrderController(OrderPlacement placement, OrderQueries queries) {
        this.placement = placement;
        this.queries = queries;
    }

    @PostMapping
    @RateLimited(operation = "checkout-user", per = RateLimited.Per.USER)
    ResponseEntity<Object> placeDirect(Caller caller, @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                       @Valid @RequestBody DirectOrderRequest request) {
        String userId = caller.requireUserId();
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw ApiException.badRequest("idempotency_key_missing", "This request needs an Idempotency-Key header");
        }
        return respond(placement.placeDirect(userId, idempotencyKey, request));
    }

    @PostMapping("/checkout")
    @RateLimited(operation = "checkout-user", per = RateLimited.Per.USER)
    ResponseEntity<Object> placeFromCart(Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                                         @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                         @Valid @RequestBody CartOrderRequest request) {
        String userId = caller.requireUserId();
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw ApiException.badRequest("idempotency_key_missing", "This request needs an Idempotency-Key header");
        }
        return respond(placement.placeFromCart(userId, authorization, idempotencyKey, request));
    }

    @GetMapping("/{orderId}")
    OrderQueries.OrderView order(Caller caller, @PathVariable String orderId) {
        return queries.view(orderId, caller);
    }

    /** Where the order stands, from its row alone; {@code updated_at} is when its status last changed. */
    record StatusView(String orderId, String status, String failureReason, Instant updatedAt) {
    }

    @GetMapping("/{orderId}/status")
    StatusView status(Caller caller, @PathVariable String orderId) {
        Orders.Standing standing = queries.standing(orderId, caller);
        return new StatusView(standing.orderId(), standing.status().name(), standing.failureReason(), standing.statusChangedAt());
    }

    @GetMapping
    Map<String, Object> list(Caller caller, @RequestParam(required = false) String status,
                             @RequestParam(name = "user_id", required = false) String userId,
                             @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer limit) {
        return queries.list(caller, status, userId, PageQuery.of(page, limit));
    }

    static ResponseEntity<Object> respond(IdempotentRequests.Response response) {
        var builder = ResponseEntity.status(response.status());
        if (response.replayed()) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.body(response.body());
    }

    record DirectOrderRequest(
            @NotEmpty(message = "must name at least one item") @Size(max = 100, message = "must have at most 100 items") List<@Valid @NotNull Item> items,
            @NotNull(message = "is required") @Valid ShippingAddressRequest shippingAddress,
            @NotNull(message = "is required") @Valid PaymentMethodRequest paymentMethod) {
    }

    record CartOrderRequest(
            @NotBlank(message = "is required") @Size(max = 100) String cartId,
            @NotNull(message = "is required") @Valid ShippingAddressRequest shippingAddress,
            @NotNull(message = "is required") @Valid PaymentMethodRequest paymentMethod,
            @Size(max = 64) String couponCode) {
    }

    record Item(
            @NotBlank(message = "is required") @Size(max = 100) String productId,
            @Size(max = 100) String variantId,
            @NotNull(message = "is required") @Min(value = 1, message = "must be at least 1") @Max(value = 1000, message = "must be at most 1000") Integer quantity) {
    }

    record ShippingAddressRequest(
            @Size(max = 200) String name,
            @NotBlank(message = "is required") @Size(max = 500) String street,
            @NotBlank(message = "is required") @Size(max = 100) String city,
            @Size(max = 100) String state,
            @NotBlank(message = "is required") @Size(max = 20) String zip,
            @NotBlank(message = "is required") @Size(min = 2, max = 100) String country) {

        Address toAddress() {
            return new Address(name, street, city, state, zip, country, null);
        }
    }

    /** A gateway token never holds 13 digits in a row; a card number in one (tok_4242424242424242) is refused here. */
    static final String NO_CARD_NUMBER = "(?!.*[0-9]{13})";

    record PaymentMethodRequest(
            @NotBlank(message = "is required") @Pattern(regexp = "card", message = "must be card") String type,
            @NotBlank(message = "is required") @Size(max = 100) @Pattern(regexp = NO_CARD_NUMBER + "tok_[A-Za-z0-9_]+", message = "must be a card token such as tok_visa, never a card number") String cardToken) {

        PaymentMethod toPaymentMethod() {
            return new PaymentMethod(type, cardToken);
        }
    }
}
