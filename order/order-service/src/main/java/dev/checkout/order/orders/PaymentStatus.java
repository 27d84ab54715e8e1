package dev.checkout.order.orders;

import dev.checkout.platform.core.DomainModel;

/** Where an order's money stands, as the order knows it from its saga. */
@DomainModel
public enum PaymentStatus {
    /** Not charged yet (or the outcome is not in yet). */
    PENDING,
    CAPTURED,
    /** Never taken: declined, or the order failed before it was charged. */
    FAILED,
    REFUNDED,
    PARTIALLY_REFUNDED
}
