package dev.checkout.fulfillment.api;

import dev.checkout.platform.contracts.MessageType;

import java.time.Instant;

/** The shipment left the warehouse with a carrier; {@code carrier} and {@code trackingNumber} may be null when the order was moved by its status alone. */
@MessageType("ShipmentShipped")
public record ShipmentShipped(String shipmentId, String orderId, String userId, String carrier, String trackingNumber,
                              Instant shippedAt) {
}
