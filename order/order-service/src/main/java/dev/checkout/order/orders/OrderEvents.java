package dev.checkout.order.orders;

import java.util.ArrayList;
import java.util.List;

import dev.checkout.order.OrderServiceConfiguration.OrderMessaging;
import dev.checkout.order.api.OrderCancelled;
import dev.checkout.order.api.OrderConfirmed;
import dev.checkout.order.api.OrderFailed;
import dev.checkout.order.api.OrderLine;
import dev.checkout.order.api.OrderPlaced;
import dev.checkout.order.api.OrderStatusChanged;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.order.api.ShippingAddress;
import dev.checkout.platform.messaging.OutgoingMessage;
import org.springframework.stereotype.Component;

/**
 * Saves an order with what happened to it: its status history and, mapped from its domain events, the integration
 * events on {@code order-events}, all in the caller's transaction. One event per change: the placing is
 * {@link OrderPlaced}; a confirmation, failure or cancellation is its own event ({@link OrderConfirmed},
 * {@link OrderFailed}, {@link OrderCancelled}); any other status change is {@link OrderStatusChanged}.
 */
@Component
public class OrderEvents {

    private final Orders orders;
    private final OrderMessaging messaging;

    OrderEvents(Orders orders, OrderMessaging messaging) {
        this.orders = orders;
        this.messaging = messaging;
    }

    void saveNew(Order order) {
        List<Orders.StatusChange> history = new ArrayList<>();
        List<Object> messages = publishable(order, history);
        orders.insert(order, history);
        messages.forEach(message -> send(order, message));
    }

    public void save(Order order) {
        List<Orders.StatusChange> history = new ArrayList<>();
        List<Object> messages = publishable(order, history);
        orders.update(order, history);
        messages.forEach(message -> send(order, message));
    }

    /** The order's domain events as integration events, with the status changes they add to its history. */
    private static List<Object> publishable(Order order, List<Orders.StatusChange> history) {
        List<Object> messages = new ArrayList<>();
        for (OrderEvent event : order.takeEvents()) {
            switch (event) {
                case OrderEvent.Placed placed -> {
                    history.add(new Orders.StatusChange(null, OrderStatus.PENDING.name(), null, placed.at()));
                    messages.add(new OrderPlaced(order.orderId(), order.orderNumber(), order.userId(), order.cartId(), lines(order),
                            order.totals().total(), order.totals().currency(), placed.at(), order.checkoutId()));
                }
                case OrderEvent.StatusChanged changed -> {
                    history.add(new Orders.StatusChange(changed.from().name(), changed.to().name(), changed.reason(), changed.at()));
                    messages.add(switch (changed.to()) {
                        case CONFIRMED -> new OrderConfirmed(order.orderId(), order.orderNumber(), order.userId(), order.cartId(),
                                lines(order), order.totals().total(), order.totals().currency(), order.transactionId(),
                                order.createdAt(), changed.at(), address(order.shippingAddress()), order.customerEmail());
                        case FAILED -> new OrderFailed(order.orderId(), order.userId(), order.cartId(), changed.reason(), changed.at());
                        case CANCELLED -> new OrderCancelled(order.orderId(), order.userId(), order.cartId(), changed.reason(), changed.at());
                        default -> new OrderStatusChanged(order.orderId(), order.userId(), changed.from().name(), changed.to().name(),
                                changed.at());
                    });
                }
            }
        }
        return messages;
    }

    private static List<OrderLine> lines(Order order) {
        return order.lines().stream().map(l -> new OrderLine(l.productId(), l.variantId(), l.quantity(), l.unitPrice())).toList();
    }

    private static ShippingAddress address(Address address) {
        return address == null ? null
                : new ShippingAddress(address.name(), address.street(), address.city(), address.state(), address.zip(), address.country());
    }

    private void send(Order order, Object event) {
        messaging.publish(OutgoingMessage.of(OrderTopics.EVENTS, order.orderId(), event).inSaga(null, order.orderId()));
    }
}
