package dev.checkout.order.orders;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import dev.checkout.platform.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What admins do to orders: move them along fulfilment (PROCESSING, SHIPPED, DELIVERED). */
@Service
class OrderAdministration {

    static final Set<OrderStatus> ADMIN_STATUSES = Set.of(OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED);

    private final Orders orders;
    private final OrderEvents events;
    private final Clock clock;

    OrderAdministration(Orders orders, OrderEvents events, Clock clock) {
        this.orders = orders;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    void advance(String orderId, OrderStatus to, String trackingNumber) {
        Order order = orders.lock(orderId).orElseThrow(() -> ApiException.notFound("Order", orderId));
        try {
            order.advance(to, trackingNumber, clock.instant());
        } catch (Order.InvalidTransition e) {
            throw invalidTransition(e);
        }
        events.save(order);
    }

    static ApiException invalidTransition(Order.InvalidTransition e) {
        return ApiException.conflict("invalid_transition", "An order cannot go from " + e.from + " to " + e.to)
                .with("from", e.from.name()).with("to", e.to.name());
    }

    static OrderStatus adminStatus(String status) {
        try {
            OrderStatus parsed = OrderStatus.valueOf(status);
            if (ADMIN_STATUSES.contains(parsed)) {
                return parsed;
            }
        } catch (IllegalArgumentException | NullPointerException ignored) {
            // refused below
        }
        throw ApiException.badRequest("validation_failed", "status must be PROCESSING, SHIPPED or DELIVERED")
                .with("errors", java.util.List.of(Map.of("field", "status", "message", "must be PROCESSING, SHIPPED or DELIVERED")));
    }
}
