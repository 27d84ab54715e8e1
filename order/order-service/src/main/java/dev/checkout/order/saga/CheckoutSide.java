package dev.checkout.order.saga;

/**
 * What the two-step checkout tells the saga machinery, which does not know it: which owner ids are a checkout's own
 * (replies about a checkout's reservation are the checkout's business, not a saga's), and that an order's saga ended
 * (the checkout's admission gives its permit back).
 */
public interface CheckoutSide {

    boolean isCheckoutId(String ownerId);

    /** Called in the transaction that ended the saga. */
    void sagaEnded(String orderId);
}
