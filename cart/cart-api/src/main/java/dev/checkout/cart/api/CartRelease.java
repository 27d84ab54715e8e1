package dev.checkout.cart.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The order service giving a held cart back at once ({@code POST} of a {@link Request} at {@link #PATH}, SERVICE role):
 * a checkout that was refused while it was being opened (a coupon that does not apply, pricing unreachable) lets the
 * cart go before its answer reaches the customer, so the customer's next try is not refused for a cart still held. The
 * {@code CheckoutExpired} event it also publishes says the same later, for when this call fails. Only a hold by
 * {@code holderId} that no order was placed from is let go; anything else changes nothing. Read the answer tolerantly.
 */
public final class CartRelease {

    public static final String PATH = "/api/v1/internal/carts/{cartId}/releases";

    private CartRelease() {
    }

    /** Whose hold to let go: the checkout's id. */
    public record Request(String holderId) {
    }

    /** Whether this call let the cart go ({@code released}), and the cart's status after it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Answer(String cartId, boolean released, String status) {
    }
}
