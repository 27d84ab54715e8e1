package dev.checkout.cart.api;

/** Topics the cart service owns. */
public final class CartTopics {

    /** {@link CartAbandoned}, keyed by user id (reminders go to a person). */
    public static final String EVENTS = "cart-events";

    private CartTopics() {
    }
}
