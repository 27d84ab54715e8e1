package dev.checkout.order.orders;

import java.time.Clock;

import dev.checkout.platform.core.Ids;
import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancelling an order ({@code POST /orders/{id}/cancel}), by its customer or an admin. A PENDING order stops its
 * checkout saga, which undoes what it did; a confirmed one is refunded and restocked by a cancellation saga. The
 * order is CANCELLED at once; the money and the stock follow.
 */
@Service
class OrderCancellation {

    private final Orders orders;
    private final OrderEvents events;
    private final PlaceOrderSaga checkout;
    private final CancellationSaga cancellation;
    private final Clock clock;

    OrderCancellation(Orders orders, OrderEvents events, PlaceOrderSaga checkout, CancellationSaga cancellation, Clock clock) {
        this.orders = orders;
        this.events = events;
        this.checkout = checkout;
        this.cancellation = cancellation;
        this.clock = clock;
    }

    @Transactional
    Order cancel(String orderId, Caller caller, String reason) {
        // The saga first, then the order: the same order the saga's own transitions lock them in.
        checkout.engine().lock(orderId);
        Order order = orders.lock(orderId).filter(o -> caller.mayAccess(o.userId()))
                .orElseThrow(() -> ApiException.notFound("Order", orderId));
        OrderStatus was = order.status();
        try {
            order.cancel(reason, clock.instant());
        } catch (Order.InvalidTransition e) {
            throw OrderAdministration.invalidTransition(e);
        }
        events.save(order);
        if (was == OrderStatus.PENDING) {
            checkout.engine().abort(orderId, "cancelled");
        } else {
            cancellation.engine().start(Ids.newId("saga"), orderId, new CancellationSaga.Data(orderId, reason));
        }
        return order;
    }
}
