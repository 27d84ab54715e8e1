package dev.checkout.fulfillment.api;

/** Topics fulfillment owns. */
public final class FulfillmentTopics {

    /** {@link RequestFulfillment}, keyed by order id. */
    public static final String COMMANDS = "fulfillment-commands";
    /** {@link FulfillmentRequested}, keyed by order id. */
    public static final String REPLIES = "fulfillment-replies";

    private FulfillmentTopics() {
    }
}
