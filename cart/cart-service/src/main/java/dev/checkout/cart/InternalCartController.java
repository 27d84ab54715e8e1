package dev.checkout.cart;

import dev.checkout.cart.api.CartRelease;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the order service may do to a cart as itself ({@code /api/v1/internal/**}, SERVICE role only): give back a
 * cart held by a checkout it refused while opening ({@link CartRelease}).
 */
@RestController
class InternalCartController {

    private final CartManagement carts;

    InternalCartController(CartManagement carts) {
        this.carts = carts;
    }

    @PostMapping(CartRelease.PATH)
    CartRelease.Answer release(@PathVariable String cartId, @Valid @RequestBody ReleaseRequest request) {
        return carts.release(cartId, request.holderId().trim());
    }

    record ReleaseRequest(
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters") String holderId) {
    }
}
