package dev.checkout.cart.api;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The hand-over of a cart to a checkout or an order: {@code POST} of a {@link Request} at {@link #PATH}, on the
 * customer's behalf (their bearer token), answered with the {@link HeldCart}. The cart becomes CHECKED_OUT for
 * {@code holderId}, its items frozen at today's prices; the same holder asking again gets the same answer. Read it
 * tolerantly: members may be added.
 */
public final class CartHold {

    public static final String PATH = "/api/v1/carts/{cartId}/checkout";

    private CartHold() {
    }

    /** Who takes the cart: a checkout's or an order's id. */
    public record Request(String holderId) {
    }

    /** The held cart: its lines at today's prices, and what the customer should know about them. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HeldCart(String cartId, String userId, String status, String holderId, List<Item> items, BigDecimal subtotal,
                           String currency, List<Warning> warnings) {
    }

    /**
     * A line: {@code unitPrice} is today's price, {@code priceAtAddition} the one the customer saw when adding it;
     * {@code catalogVersion} the catalog's version of the product that price comes from (null: not known).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(String cartItemId, String productId, String variantId, String name, int quantity, BigDecimal unitPrice,
                       BigDecimal priceAtAddition, BigDecimal lineTotal, boolean inStock, Long catalogVersion) {
    }

    /**
     * The cart service's refusal to hold the cart (an RFC 9457 problem): {@code code} says why ({@code cart_not_active}
     * with the {@code orderId} or {@code holderId} holding it, {@code cart_empty}, ...); {@code errors} names bad fields.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Refusal(String code, String detail, String orderId, String holderId, List<FieldError> errors) {
    }

    /** A field of the request and what is wrong with it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FieldError(String field, String message) {
    }

    /** Something about an item: {@code price_changed}, {@code out_of_stock}, {@code limited_stock}, {@code product_unavailable}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Warning(String code, String productId, String message) {
    }
}
