package dev.checkout.order.returns;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.RestockItems;
import dev.checkout.inventory.api.StockLine;
import dev.checkout.order.OrderServiceConfiguration.OrderMessaging;
import dev.checkout.payment.api.PaymentTopics;
import dev.checkout.payment.api.RefundPayment;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.messaging.OutgoingMessage;
import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import dev.checkout.order.orders.Order;
import dev.checkout.order.orders.OrderEvents;
import dev.checkout.order.orders.OrderStatus;
import dev.checkout.order.orders.Orders;

/**
 * Returns of delivered orders: the owner asks ({@link #request}), an admin approves or rejects. Approving asks, in the
 * same transaction, the payment service for the return's refund and inventory to take the units back (both idempotent
 * by the return's id); the last return of an order moves it to RETURNED, and {@link ReturnOutcomes} to REFUNDED.
 */
@Service
public class OrderReturning {

    private final Orders orders;
    private final OrderEvents events;
    private final OrderReturns returns;
    private final OrderMessaging messaging;
    private final ReturnProperties properties;
    private final Clock clock;

    OrderReturning(Orders orders, OrderEvents events, OrderReturns returns, OrderMessaging messaging, ReturnProperties properties,
                   Clock clock) {
        this.orders = orders;
        this.events = events;
        this.returns = returns;
        this.messaging = messaging;
        this.properties = properties;
        this.clock = clock;
    }

    /** A return as the API shows it. */
    public record ReturnView(String returnId, String orderId, String status, String reason, List<OrderReturn.Item> items,
                      BigDecimal refundAmount, String rejectionReason, Instant createdAt, Instant updatedAt) {

        public static ReturnView of(OrderReturn r) {
            return new ReturnView(r.returnId(), r.orderId(), r.status().name(), r.reason(), r.items(), r.refundAmount(),
                    r.rejectionReason(), r.createdAt(), r.updatedAt());
        }
    }

    @Transactional
    ReturnView request(Caller caller, String orderId, String reason, List<OrderReturn.Asked> asked) {
        Order order = orders.lock(orderId).filter(o -> o.userId().equals(caller.userId()))
                .orElseThrow(() -> ApiException.notFound("Order", orderId));
        Instant deliveredAt = orders.history(orderId).stream().filter(change -> OrderStatus.DELIVERED.name().equals(change.to()))
                .map(Orders.StatusChange::at).reduce((first, later) -> later).orElse(null);
        try {
            OrderReturn orderReturn = OrderReturn.request(Ids.newId("ret"), order, deliveredAt, returns.ofOrder(orderId), asked, reason,
                    properties.window(), clock.instant());
            returns.insert(orderReturn);
            return ReturnView.of(orderReturn);
        } catch (OrderReturn.Refused refused) {
            throw problem(refused);
        }
    }

    @Transactional
    ReturnView approve(String returnId) {
        OrderReturn orderReturn = returns.lock(returnId).orElseThrow(() -> ApiException.notFound("Return", returnId));
        Order order = orders.lock(orderReturn.orderId()).orElseThrow();
        Instant now = clock.instant();
        try {
            orderReturn.approve(now);
        } catch (OrderReturn.Refused refused) {
            throw problem(refused);
        }
        if (orderReturn.refundAmount().signum() == 0) {
            orderReturn.refunded(now); // nothing was paid for these units: nothing to give back
        } else {
            messaging.publish(OutgoingMessage.of(PaymentTopics.COMMANDS, order.orderId(),
                    new RefundPayment(order.orderId(), orderReturn.refundAmount(), orderReturn.refundReason())));
        }
        returns.update(orderReturn);
        messaging.publish(OutgoingMessage.of(InventoryTopics.COMMANDS, order.orderId(), new RestockItems(order.orderId(), returnId,
                orderReturn.items().stream().map(item -> new StockLine(item.productId(), item.variantId(), item.quantity())).toList())));
        if (orderReturn.completesOrder()) {
            order.returned(now);
            if (orderReturn.status() == OrderReturn.Status.REFUNDED) {
                order.refundedInFull(now);
            }
            events.save(order);
        }
        return ReturnView.of(orderReturn);
    }

    @Transactional
    ReturnView reject(String returnId, String why) {
        OrderReturn orderReturn = returns.lock(returnId).orElseThrow(() -> ApiException.notFound("Return", returnId));
        try {
            orderReturn.reject(why, clock.instant());
        } catch (OrderReturn.Refused refused) {
            throw problem(refused);
        }
        returns.update(orderReturn);
        return ReturnView.of(orderReturn);
    }

    List<ReturnView> page(String status, int limit, long offset) {
        return returns.page(status, limit, offset).stream().map(ReturnView::of).toList();
    }

    long count(String status) {
        return returns.count(status);
    }

    private static ApiException problem(OrderReturn.Refused refused) {
        return refused.conflict ? ApiException.conflict(refused.code, refused.getMessage())
                : ApiException.unprocessable(refused.code, refused.getMessage());
    }
}
