package dev.checkout.cart;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change the cart's rules refuse, with the HTTP status and stable code the API contract gives it. Thrown by the
 * domain (which stays free of web frameworks) and turned into a problem by {@link CartProblems}.
 */
final class CartRefusal extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details = new LinkedHashMap<>();

    CartRefusal(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    static CartRefusal notActive(Cart cart) {
        CartRefusal refusal = new CartRefusal(409, "cart_not_active",
                "Cart " + cart.cartId() + " is " + cart.status() + "; only an ACTIVE cart can be changed or checked out");
        refusal.with("cart_status", cart.status().name()); // "status" is the problem's HTTP status
        if (cart.orderId() != null || isOrder(cart.holderId())) {
            refusal.with("order_id", cart.orderId() != null ? cart.orderId() : cart.holderId());
        }
        if (cart.holderId() != null) {
            refusal.with("holder_id", cart.holderId());
        }
        return refusal;
    }

    static CartRefusal quantityLimitExceeded(int limit, long requested) {
        return new CartRefusal(422, "quantity_limit_exceeded",
                "At most " + limit + " units of one item fit in a cart; this would make " + requested)
                .with("max_quantity", limit).with("requested_quantity", requested);
    }

    static CartRefusal itemNotFound(String cartItemId) {
        return new CartRefusal(404, "not_found", "Cart item " + cartItemId + " does not exist in this cart");
    }

    static CartRefusal empty(Cart cart) {
        return new CartRefusal(422, "cart_empty", "Cart " + cart.cartId() + " has no items to check out");
    }

    static CartRefusal currencyMismatch(String cartCurrency, String productCurrency) {
        return new CartRefusal(422, "currency_mismatch",
                "This cart is in " + cartCurrency + " and the product is sold in " + productCurrency);
    }

    private static boolean isOrder(String id) {
        return id != null && id.startsWith("order_");
    }

    CartRefusal with(String name, Object value) {
        details.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, Object> details() {
        return details;
    }
}
