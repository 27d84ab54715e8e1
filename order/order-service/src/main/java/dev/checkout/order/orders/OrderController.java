package dev.checkout.order.orders;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.RateLimited;
import dev.checkout.platform.web.Caller;
import dev.checkout.platform.web.PageQuery;
import jakarta.validation.Valid;
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
                                       @Valid @RequestBody OrderPlacement.DirectOrderRequest request) {
        String userId = caller.requireUserId();
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw ApiException.badRequest("idempotency_key_missing", "This request needs an Idempotency-Key header");
        }
        return placement.placeDirect(userId, caller.email(), idempotencyKey, request).toResponseEntity();
    }

    @PostMapping("/checkout")
    @RateLimited(operation = "checkout-user", per = RateLimited.Per.USER)
    ResponseEntity<Object> placeFromCart(Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                                         @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                         @Valid @RequestBody OrderPlacement.CartOrderRequest request) {
        String userId = caller.requireUserId();
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw ApiException.badRequest("idempotency_key_missing", "This request needs an Idempotency-Key header");
        }
        return placement.placeFromCart(userId, caller.email(), authorization, idempotencyKey, request).toResponseEntity();
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
}
