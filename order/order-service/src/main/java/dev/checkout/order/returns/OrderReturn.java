package dev.checkout.order.returns;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.checkout.platform.core.DomainModel;
import dev.checkout.platform.core.Money;
import dev.checkout.order.orders.Order;
import dev.checkout.order.orders.OrderStatus;

/**
 * A customer's return of some units of a delivered order: REQUESTED by the owner inside the return window, then
 * APPROVED (the units go back to stock and the refund is asked for) and REFUNDED when the money went back, or
 * REJECTED. It guards what may be returned: never more of a line than was bought and not already returned. Its refund
 * is each line's paid share (its total less its share of the discount plus its share of the tax, shares in proportion
 * to its part of the subtotal); the return that brings back the order's last unit refunds whatever of the order's total
 * is left, shipping included.
 */
@DomainModel
public final class OrderReturn {

    public enum Status { REQUESTED, APPROVED, REFUNDED, REJECTED }

    /** Units of one order line coming back, and what they refund. */
    record Item(String productId, String variantId, int quantity, BigDecimal refundAmount) {
    }

    /** What the customer asked to return. */
    record Asked(String productId, String variantId, int quantity) {
    }

    private final String returnId;
    private final String orderId;
    private final String userId;
    private final String reason;
    private final List<Item> items;
    private final BigDecimal refundAmount;
    private final boolean completesOrder;
    private final Instant createdAt;
    private Status status;
    private String rejectionReason;
    private Instant updatedAt;

    OrderReturn(String returnId, String orderId, String userId, String reason, List<Item> items, BigDecimal refundAmount,
                boolean completesOrder, Status status, String rejectionReason, Instant createdAt, Instant updatedAt) {
        this.returnId = Objects.requireNonNull(returnId);
        this.orderId = Objects.requireNonNull(orderId);
        this.userId = Objects.requireNonNull(userId);
        this.reason = reason;
        this.items = List.copyOf(items);
        this.refundAmount = refundAmount;
        this.completesOrder = completesOrder;
        this.status = status;
        this.rejectionReason = rejectionReason;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /**
     * A return of {@code asked} (everything not yet returned when empty) from {@code order}, delivered at
     * {@code deliveredAt}, beside the order's {@code earlier} returns.
     *
     * @throws Refused when the order cannot be returned now or the units were not bought or already come back
     */
    static OrderReturn request(String returnId, Order order, Instant deliveredAt, List<OrderReturn> earlier, List<Asked> asked,
                               String reason, Duration window, Instant now) {
        if (order.status() != OrderStatus.DELIVERED || deliveredAt == null) {
            throw new Refused(true, "invalid_transition", "Order " + order.orderId() + " is " + order.status()
                    + "; only a delivered order can be returned");
        }
        if (now.isAfter(deliveredAt.plus(window))) {
            throw new Refused(true, "return_window_closed", "The return window of order " + order.orderId() + " closed on "
                    + deliveredAt.plus(window));
        }
        List<OrderReturn> counting = earlier.stream().filter(OrderReturn::counts).toList();
        List<Asked> wanted = asked.isEmpty()
                ? order.lines().stream().map(line -> new Asked(line.productId(), line.variantId(), remaining(line, counting)))
                        .filter(item -> item.quantity() > 0).toList()
                : asked;
        if (wanted.isEmpty()) {
            throw new Refused(false, "return_quantity_exceeded", "Every unit of order " + order.orderId() + " was returned already");
        }
        List<Item> items = new ArrayList<>();
        int[] left = order.lines().stream().mapToInt(line -> remaining(line, counting)).toArray();
        for (Asked item : wanted) {
            int index = lineOf(order, item);
            if (index < 0 || item.quantity() > left[index]) {
                throw new Refused(false, "return_quantity_exceeded", "Order " + order.orderId() + " has "
                        + (index < 0 ? 0 : left[index]) + " unit(s) of " + item.productId() + " left to return, not " + item.quantity());
            }
            left[index] -= item.quantity();
            items.add(new Item(item.productId(), item.variantId(), item.quantity(), share(order, order.lines().get(index), item.quantity())));
        }
        boolean completes = java.util.Arrays.stream(left).allMatch(units -> units == 0);
        BigDecimal refund = completes
                ? Money.of(order.totals().total().subtract(counting.stream().map(OrderReturn::refundAmount).reduce(BigDecimal.ZERO, BigDecimal::add)))
                : Money.of(items.stream().map(Item::refundAmount).reduce(BigDecimal.ZERO, BigDecimal::add));
        return new OrderReturn(returnId, order.orderId(), order.userId(), reason, items, refund, completes, Status.REQUESTED, null, now, now);
    }

    /** The paid share of {@code quantity} units of {@code line}: their price, less their share of the discount, plus their share of the tax. */
    static BigDecimal share(Order order, Order.Line line, int quantity) {
        BigDecimal price = line.unitPrice().multiply(BigDecimal.valueOf(quantity));
        Order.Totals totals = order.totals();
        if (totals.subtotal().signum() == 0) {
            return Money.of(price);
        }
        BigDecimal part = price.divide(totals.subtotal(), 10, RoundingMode.HALF_EVEN);
        return Money.of(price.subtract(totals.discount().multiply(part)).add(totals.tax().multiply(part)));
    }

    void approve(Instant now) {
        requireStatus(Status.REQUESTED);
        status = Status.APPROVED;
        updatedAt = now;
    }

    void reject(String why, Instant now) {
        requireStatus(Status.REQUESTED);
        status = Status.REJECTED;
        rejectionReason = why;
        updatedAt = now;
    }

    /** The refund was made; false when it was known already. */
    boolean refunded(Instant now) {
        if (status != Status.APPROVED) {
            return false;
        }
        status = Status.REFUNDED;
        updatedAt = now;
        return true;
    }

    /** Whether the return takes units of the order (asked for, approved or done; not rejected). */
    boolean counts() {
        return status != Status.REJECTED;
    }

    /** The reason the refund is asked with: it names this return, so the payment service makes it once. */
    String refundReason() {
        return REFUND_REASON_PREFIX + returnId;
    }

    static final String REFUND_REASON_PREFIX = "return:";

    private void requireStatus(Status expected) {
        if (status != expected) {
            throw new Refused(true, "invalid_transition", "Return " + returnId + " is " + status + ", not " + expected);
        }
    }

    private static int remaining(Order.Line line, List<OrderReturn> counting) {
        int returned = counting.stream().flatMap(r -> r.items().stream())
                .filter(item -> item.productId().equals(line.productId()) && Objects.equals(item.variantId(), line.variantId()))
                .mapToInt(Item::quantity).sum();
        return line.quantity() - returned;
    }

    private static int lineOf(Order order, Asked item) {
        for (int i = 0; i < order.lines().size(); i++) {
            Order.Line line = order.lines().get(i);
            if (line.productId().equals(item.productId()) && Objects.equals(line.variantId(), item.variantId())) {
                return i;
            }
        }
        return -1;
    }

    /** A return the rules do not allow; {@code conflict} when the order or return is in the wrong state for it. */
    static final class Refused extends RuntimeException {
        final boolean conflict;
        final String code;

        Refused(boolean conflict, String code, String message) {
            super(message);
            this.conflict = conflict;
            this.code = code;
        }
    }

    String returnId() { return returnId; }
    String orderId() { return orderId; }
    String userId() { return userId; }
    String reason() { return reason; }
    List<Item> items() { return items; }
    BigDecimal refundAmount() { return refundAmount; }
    boolean completesOrder() { return completesOrder; }
    Status status() { return status; }
    String rejectionReason() { return rejectionReason; }
    Instant createdAt() { return createdAt; }
    Instant updatedAt() { return updatedAt; }
}
