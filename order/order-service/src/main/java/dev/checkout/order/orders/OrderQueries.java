package dev.checkout.order.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.Caller;
import dev.checkout.platform.web.PageQuery;
import dev.checkout.platform.web.Pagination;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import dev.checkout.order.checkout.Checkout;
import dev.checkout.order.checkout.Checkouts;
import dev.checkout.order.returns.OrderReturn;
import dev.checkout.order.returns.OrderReturning;
import dev.checkout.order.returns.OrderReturns;
import dev.checkout.order.saga.JdbcSagaStore;
import dev.checkout.order.saga.engine.SagaStore;

/** Reading orders: one with its items, payment and saga steps; a user's list. Another user's order is a 404. */
@Service
public class OrderQueries {

    private final Orders orders;
    private final Checkouts checkouts;
    private final JdbcSagaStore sagaStore;
    private final PlaceOrderSaga saga;
    private final OrderReturns orderReturns;
    private final ShipmentFollowing shipments;

    OrderQueries(Orders orders, Checkouts checkouts, JdbcSagaStore sagaStore, PlaceOrderSaga saga, OrderReturns orderReturns,
                 ShipmentFollowing shipments) {
        this.orders = orders;
        this.orderReturns = orderReturns;
        this.checkouts = checkouts;
        this.sagaStore = sagaStore;
        this.saga = saga;
        this.shipments = shipments;
    }

    /** A checkout of the user's; another user's is not found. */
    public Checkout checkout(String checkoutId, String userId) {
        return checkouts.find(checkoutId).filter(c -> c.userId().equals(userId))
                .orElseThrow(() -> ApiException.notFound("Checkout", checkoutId));
    }

    /** An order for a service's reconciliation (no ownership check: the caller is a service). */
    Optional<Order> orderForService(String orderId) {
        return orders.find(orderId);
    }

    Optional<Checkout> checkoutForService(String checkoutId) {
        return checkouts.find(checkoutId);
    }

    List<Order> ordersForService(List<String> orderIds) {
        return orderIds.isEmpty() ? List.of() : orders.findAll(orderIds);
    }

    List<Checkout> checkoutsForService(List<String> checkoutIds) {
        return checkoutIds.isEmpty() ? List.of() : checkouts.findAll(checkoutIds);
    }

    record OrderView(String orderId, String orderNumber, String userId, String status, String paymentStatus, List<ItemView> items,
                     BigDecimal subtotal, BigDecimal discountAmount, BigDecimal taxAmount, BigDecimal shippingAmount,
                     BigDecimal totalAmount, String currency, Address shippingAddress, PaymentView payment,
                     List<SagaStepView> sagaSteps, List<Orders.StatusChange> statusHistory, String failureReason,
                     String trackingNumber, String cartId, String checkoutId, Instant createdAt, Instant updatedAt,
                     List<OrderReturning.ReturnView> returns, BigDecimal refundedAmount, List<Map<String, Object>> shipments) {
    }

    record ItemView(String productId, String variantId, String name, int quantity, BigDecimal unitPrice, BigDecimal totalPrice) {
    }

    record PaymentView(String paymentId, String status, String transactionId, String method) {
    }

    record SagaStepView(String step, String status, Instant completedAt) {
    }

    /** Where an order of the caller's stands, from its row alone. */
    Orders.Standing standing(String orderId, Caller caller) {
        return orders.standing(orderId).filter(o -> caller.mayAccess(o.userId()))
                .orElseThrow(() -> ApiException.notFound("Order", orderId));
    }

    /**
     * One snapshot for the order, its saga's steps, its history, returns and shipments: read in separate statements
     * outside a transaction, a view could show PENDING beside a saga whose last step had already completed.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    OrderView view(String orderId, Caller caller) {
        Order order = orders.find(orderId).filter(o -> caller.mayAccess(o.userId()))
                .orElseThrow(() -> ApiException.notFound("Order", orderId));
        List<OrderReturning.ReturnView> returns = orderReturns.ofOrder(orderId).stream().map(OrderReturning.ReturnView::of).toList();
        return new OrderView(order.orderId(), order.orderNumber(), order.userId(), order.status().name(), order.paymentStatus().name(),
                order.lines().stream().map(l -> new ItemView(l.productId(), l.variantId(), l.name(), l.quantity(), l.unitPrice(),
                        l.total())).toList(),
                order.totals().subtotal(), order.totals().discount(), order.totals().tax(), order.totals().shipping(),
                order.totals().total(), order.totals().currency(), order.shippingAddress(),
                new PaymentView(order.paymentId(), order.paymentStatus().name(), order.transactionId(), order.paymentMethodType()),
                sagaSteps(orderId), orders.history(orderId), order.failureReason(), order.trackingNumber(), order.cartId(),
                order.checkoutId(), order.createdAt(), order.updatedAt(), returns, refundedAmount(order, returns), shipments.of(orderId));
    }

    /** What went back to the customer: the refunded returns, or the whole total of an order refunded when it ended. */
    private static BigDecimal refundedAmount(Order order, List<OrderReturning.ReturnView> returns) {
        BigDecimal byReturns = returns.stream().filter(r -> r.status().equals(OrderReturn.Status.REFUNDED.name()))
                .map(OrderReturning.ReturnView::refundAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        boolean endedAndRefunded = (order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.FAILED)
                && order.paymentStatus() == PaymentStatus.REFUNDED;
        return dev.checkout.platform.core.Money.of(endedAndRefunded ? order.totals().total() : byReturns);
    }

    /**
     * Each step of the checkout saga with where it got: PENDING (not reached), IN_PROGRESS, COMPLETED, FAILED,
     * COMPENSATING or COMPENSATED.
     */
    List<SagaStepView> sagaSteps(String orderId) {
        Map<String, SagaStepView> steps = new LinkedHashMap<>();
        for (String name : saga.engine().definition().stepNames()) {
            steps.put(name, new SagaStepView(name, "PENDING", null));
        }
        for (SagaStore.LogEntry entry : sagaStore.log(PlaceOrderSaga.TYPE, orderId)) {
            if (!steps.containsKey(entry.step())) {
                continue;
            }
            boolean compensating = entry.action() == SagaStore.StepAction.COMPENSATE;
            String status = switch (entry.outcome()) {
                case STARTED, RETRIED -> compensating ? "COMPENSATING" : "IN_PROGRESS";
                case COMPLETED -> "COMPLETED";
                case COMPENSATED -> "COMPENSATED";
                case FAILED, TIMED_OUT -> "FAILED";
            };
            boolean finished = List.of("COMPLETED", "COMPENSATED", "FAILED").contains(status);
            steps.put(entry.step(), new SagaStepView(entry.step(), status, finished ? entry.at() : null));
        }
        return new ArrayList<>(steps.values());
    }

    Map<String, Object> list(Caller caller, String status, String userId, PageQuery page) {
        if (status != null) {
            try {
                OrderStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("validation_failed", "status must be one of " + List.of(OrderStatus.values()))
                        .with("errors", List.of(Map.of("field", "status", "message", "is not an order status")));
            }
        }
        String owner = caller.isAdmin() ? userId : caller.requireUserId();
        List<Map<String, Object>> items = orders.list(owner, status, page.limit(), page.offset()).stream().map(s -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("order_id", s.orderId());
            item.put("order_number", s.orderNumber());
            item.put("status", s.status());
            item.put("total_amount", s.totalAmount());
            item.put("currency", s.currency());
            item.put("item_count", s.itemCount());
            item.put("created_at", s.createdAt());
            return item;
        }).toList();
        return Map.of("orders", items, "pagination", Pagination.of(page, orders.count(owner, status)));
    }
}
