package dev.checkout.fulfillment.api;

/** The warehouse has the order's pick list. */
public record FulfillmentRequested(String orderId, String pickListId) {
}
