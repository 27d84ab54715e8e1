package dev.checkout.fulfillment.api;

import dev.checkout.platform.contracts.MessageType;

import java.time.Instant;

/** The carrier delivered the shipment. */
@MessageType("ShipmentDelivered")
public record ShipmentDelivered(String shipmentId, String orderId, String userId, Instant deliveredAt) {
}
