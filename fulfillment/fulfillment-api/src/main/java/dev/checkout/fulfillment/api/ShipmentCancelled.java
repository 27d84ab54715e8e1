package dev.checkout.fulfillment.api;

import dev.checkout.platform.contracts.MessageType;

import java.time.Instant;

/** The order was cancelled before its shipment left: the shipment will not go out. */
@MessageType("ShipmentCancelled")
public record ShipmentCancelled(String shipmentId, String orderId, String userId, Instant cancelledAt) {
}
