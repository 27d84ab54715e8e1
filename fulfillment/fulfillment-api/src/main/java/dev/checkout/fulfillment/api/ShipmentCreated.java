package dev.checkout.fulfillment.api;

import dev.checkout.platform.contracts.MessageType;

import java.time.Instant;

/** A confirmed order got its shipment (status PENDING), made from its pick list. */
@MessageType("ShipmentCreated")
public record ShipmentCreated(String shipmentId, String orderId, String userId, Instant createdAt) {
}
