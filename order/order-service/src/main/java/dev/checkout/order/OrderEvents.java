package dev.checkout.order;

import java.util.List;

import dev.checkout.order.OrderServiceConfiguration.OrderMessaging;
import dev.checkout.order.api.OrderCancelled;
import dev.checkout.order.api.OrderConfirmed;
import dev.checkout.order.api.OrderFailed;
import dev.checkout.order.api.OrderLine;
import dev.checkout.order.api.OrderPlaced;
import dev.checkout.order.api.OrderStatusChanged;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.platform.messaging.OutgoingMessage;
import org.springframework.stereotype.Component;

/**
 * Saves an order with what happened to it: its status history and, mapped from its domain events, the integration
 * events on {@code order-events}, all in the caller's transaction.
 */
@Component
class OrderEvents {

    private final Orders orders;
    private final OrderMessaging messaging;

    OrderEvents(Orders orders, OrderMessaging messaging) {
        this.orders = orders;
        this.messaging = messaging;
    }

    void saveNew(Order order) {
        orders.insert(order);
        publish(order);
    }

    void save(Order order) {
        orders.update(order);
        publish(order);
    }

    private void publish(Order order) {
        for (OrderEvent event : order.takeEvents()) {
            switch (event) {
                case OrderEvent.Placed placed -> {
                    orders.recordStatusChange(order.orderId(), null, OrderStatus.PENDING, null, placed.at());
                    send(order, new OrderPlaced(order.orderId(), order.orderNumber(), order.userId(), order.cartId(), lines(order),
                            order.totals().total(), order.totals().currency(), placed.at()));
                }
                case OrderEvent.StatusChanged changed -> {
                    orders.recordStatusChange(order.orderId(), changed.from(), changed.to(), changed.reason(), changed.at());
                    send(order, new OrderStatusChanged(order.orderId(), order.userId(), changed.from().name(), changed.to().name(), changed.at()));
                    switch (changed.to()) {
                        case CONFIRMED -> send(order, new OrderConfirmed(order.orderId(), order.orderNumber(), order.userId(),
                                order.cartId(), lines(order), order.totals().total(), order.totals().currency(), order.transactionId(),
                                order.createdAt(), changed.at()));
                        case FAILED -> send(order, new OrderFailed(order.orderId(), order.userId(), order.cartId(), changed.reason(), changed.at()));
                        case CANCELLED -> send(order, new OrderCancelled(order.orderId(), order.userId(), order.cartId(), changed.reason(), changed.at()));
                        default -> {
                        }
                    }
                }
            }
        }
    }

    private static List<OrderLine> lines(Order order) {
        return order.lines().stream().map(l -> new OrderLine(l.productId(), l.variantId(), l.quantity(), l.unitPrice())).toList();
    }

    private void send(Order order, Object event) {
        messaging.publish(OutgoingMessage.of(OrderTopics.EVENTS, order.orderId(), event).inSaga(null, order.orderId()));
    }
}
