package dev.checkout.order.orders;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import dev.checkout.platform.core.DomainModel;

/** An order's status and the transitions the business allows (seed 002, 7.3); anything else is refused. */
@DomainModel
public enum OrderStatus {
    PENDING, CONFIRMED, PROCESSING, SHIPPED, DELIVERED, CANCELLED, FAILED, RETURNED, REFUNDED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(
            PENDING, EnumSet.of(CONFIRMED, FAILED, CANCELLED),
            CONFIRMED, EnumSet.of(PROCESSING, CANCELLED),
            PROCESSING, EnumSet.of(SHIPPED, CANCELLED),
            SHIPPED, EnumSet.of(DELIVERED, RETURNED),
            DELIVERED, EnumSet.of(RETURNED),
            RETURNED, EnumSet.of(REFUNDED),
            CANCELLED, EnumSet.noneOf(OrderStatus.class),
            FAILED, EnumSet.noneOf(OrderStatus.class),
            REFUNDED, EnumSet.noneOf(OrderStatus.class));

    boolean mayBecome(OrderStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Confirmed or further along: the customer's money is captured and the stock is theirs. */
    boolean isConfirmedOrLater() {
        return this == CONFIRMED || this == PROCESSING || this == SHIPPED || this == DELIVERED;
    }
}
