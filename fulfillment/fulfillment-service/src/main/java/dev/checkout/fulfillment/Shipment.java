package dev.checkout.fulfillment;

import java.time.Instant;

/** A confirmed order's shipment and where it is. */
record Shipment(String shipmentId, String orderId, String userId, Status status, String carrier, String trackingNumber, Instant createdAt,
                Instant shippedAt, Instant deliveredAt) {

    enum Status { PENDING, SHIPPED, DELIVERED, CANCELLED }
}
