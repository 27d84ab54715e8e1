package dev.checkout.cart;

import java.net.URI;

import dev.checkout.cart.CartViews.CartView;
import dev.checkout.cart.api.CartHold;
import dev.checkout.platform.web.Caller;
import dev.checkout.platform.web.RateLimited;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/carts}: guests and users alike (OPTIONAL auth). Which cart a caller may reach is settled by
 * {@link CartAccess}, before the body is read.
 */
@RestController
@RequestMapping("/api/v1/carts")
class CartController {

    private final CartManagement carts;

    CartController(CartManagement carts) {
        this.carts = carts;
    }

    @PostMapping
    @RateLimited(operation = "cart-anonymous-ip", per = RateLimited.Per.ANONYMOUS_IP)
    ResponseEntity<CartView> open(Caller caller) {
        CartView cart = carts.open(caller);
        return ResponseEntity.created(URI.create("/api/v1/carts/" + cart.cartId())).body(cart);
    }

    @GetMapping("/{cartId}")
    CartView cart(CartAccess access) {
        return carts.view(access);
    }

    @PostMapping("/{cartId}/items")
    @ResponseStatus(HttpStatus.CREATED)
    CartView addItem(CartAccess access, @Valid @RequestBody AddItem item) {
        return carts.addItem(access, item.productId().trim(), item.variantId(), item.quantity());
    }

    @PutMapping("/{cartId}/items/{cartItemId}")
    CartView changeQuantity(CartAccess access, @PathVariable String cartItemId, @Valid @RequestBody ChangeQuantity change) {
        return carts.changeQuantity(access, cartItemId, change.quantity());
    }

    @DeleteMapping("/{cartId}/items/{cartItemId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeItem(CartAccess access, @PathVariable String cartItemId) {
        carts.removeItem(access, cartItemId);
    }

    @PostMapping("/{cartId}/merge")
    CartView merge(@CartAccess.ForUser CartAccess guestCart) {
        return carts.merge(guestCart);
    }

    /** For the order service: takes the cart for a checkout or an order ({@link CartHold}); see {@link CartManagement#checkout}. */
    @PostMapping("/{cartId}/checkout")
    JsonNode checkout(@CartAccess.ForUser CartAccess access, @Valid @RequestBody CheckoutRequest request) {
        return carts.checkout(access, request.holderId().trim());
    }

    record AddItem(
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters") String productId,
            @Size(max = 100, message = "must be at most 100 characters") String variantId,
            @NotNull(message = "is required") @Min(value = 1, message = "must be at least 1") Integer quantity) {
    }

    record ChangeQuantity(@NotNull(message = "is required") @Min(value = 1, message = "must be at least 1") Integer quantity) {
    }

    record CheckoutRequest(
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters") String holderId) {
    }
}
