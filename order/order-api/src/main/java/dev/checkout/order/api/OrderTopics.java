package dev.checkout.order.api;

/** Topics the order service owns. */
public final class OrderTopics {

    /** {@link OrderPlaced}, {@link OrderConfirmed}, {@link OrderFailed}, {@link OrderCancelled}, {@link OrderStatusChanged}, keyed by order id; {@link CheckoutExpired}, keyed by checkout id. */
    public static final String EVENTS = "order-events";

    private OrderTopics() {
    }
}
