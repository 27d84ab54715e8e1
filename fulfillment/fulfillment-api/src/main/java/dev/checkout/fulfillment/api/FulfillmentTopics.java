package dev.checkout.fulfillment.api;

/** Topics the fulfillment service owns. */
public final class FulfillmentTopics {

    /** {@link ShipmentCreated}, {@link ShipmentShipped}, {@link ShipmentDelivered}, {@link ShipmentCancelled}, keyed by order id. */
    public static final String EVENTS = "fulfillment-events";

    private FulfillmentTopics() {
    }
}
