package dev.checkout.order.orders;

import java.time.Instant;

import dev.checkout.platform.core.DomainModel;

/** What happened to an order: domain events, mapped to {@code order-events} messages at the edge. */
@DomainModel
sealed interface OrderEvent {

    Order order();

    record Placed(Order order, Instant at) implements OrderEvent {
    }

    record StatusChanged(Order order, OrderStatus from, OrderStatus to, String reason, Instant at) implements OrderEvent {
    }
}
