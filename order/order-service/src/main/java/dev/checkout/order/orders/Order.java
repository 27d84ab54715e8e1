package dev.checkout.order.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.checkout.platform.core.DomainModel;

/**
 * A customer's order: what was bought at which prices, where it goes, how it is paid, and where it stands. It guards
 * its status transitions ({@link OrderStatus}) and records each change as an {@link OrderEvent}; its totals are fixed
 * when it is placed. The checkout saga drives it from PENDING to CONFIRMED or FAILED.
 */
@DomainModel
public final class Order {

    /** One line: a product (and variant) at the unit price it was ordered at. */
    public record Line(String productId, String variantId, String name, int quantity, BigDecimal unitPrice) {
        public Line {
            if (quantity < 1) {
                throw new IllegalArgumentException("a line orders at least one unit");
            }
        }

        public BigDecimal total() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    /** The amounts of an order, fixed when it is placed. */
    public record Totals(BigDecimal subtotal, BigDecimal discount, BigDecimal tax, BigDecimal shipping, BigDecimal total, String currency) {
    }

    private final String orderId;
    private final String orderNumber;
    private final String userId;
    /** The address the customer's token named when the order was placed (null for orders from before it was kept). */
    private final String customerEmail;
    private final String cartId;
    private final String checkoutId;
    private final List<Line> lines;
    private final Totals totals;
    private final Address shippingAddress;
    private final String paymentMethodType;
    private final Instant createdAt;
    private OrderStatus status;
    private PaymentStatus paymentStatus;
    private String paymentId;
    private String transactionId;
    private String failureReason;
    private String trackingNumber;
    private Instant updatedAt;
    private final List<OrderEvent> events = new ArrayList<>();

    Order(String orderId, String orderNumber, String userId, String customerEmail, String cartId, String checkoutId, List<Line> lines,
          Totals totals, Address shippingAddress, String paymentMethodType, Instant createdAt, OrderStatus status, PaymentStatus paymentStatus,
          String paymentId, String transactionId, String failureReason, String trackingNumber, Instant updatedAt) {
        this.orderId = Objects.requireNonNull(orderId);
        this.orderNumber = Objects.requireNonNull(orderNumber);
        this.userId = Objects.requireNonNull(userId);
        this.customerEmail = customerEmail;
        this.cartId = cartId;
        this.checkoutId = checkoutId;
        this.lines = List.copyOf(lines);
        this.totals = Objects.requireNonNull(totals);
        this.shippingAddress = shippingAddress;
        this.paymentMethodType = paymentMethodType;
        this.createdAt = createdAt;
        this.status = status;
        this.paymentStatus = paymentStatus;
        this.paymentId = paymentId;
        this.transactionId = transactionId;
        this.failureReason = failureReason;
        this.trackingNumber = trackingNumber;
        this.updatedAt = updatedAt;
    }

    public static Order place(String orderId, String userId, String customerEmail, String cartId, String checkoutId, List<Line> lines,
                              Totals totals, Address shippingAddress, String paymentMethodType, Instant now) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one line");
        }
        String number = "ORD-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd").withZone(java.time.ZoneOffset.UTC).format(now)
                + "-" + orderId.substring(orderId.length() - 10).toUpperCase(java.util.Locale.ROOT);
        Order order = new Order(orderId, number, userId, customerEmail, cartId, checkoutId, lines, totals, shippingAddress,
                paymentMethodType, now, OrderStatus.PENDING, PaymentStatus.PENDING, null, null, null, null, now);
        order.events.add(new OrderEvent.Placed(order, now));
        return order;
    }

    public void paymentCaptured(String paymentId, String transactionId, Instant now) {
        this.paymentId = paymentId;
        this.transactionId = transactionId;
        this.paymentStatus = PaymentStatus.CAPTURED;
        this.updatedAt = now;
    }

    public void paymentRefunded(boolean fully, Instant now) {
        this.paymentStatus = fully ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
        this.updatedAt = now;
    }

    /** Payment captured and stock deducted. */
    public void confirm(Instant now) {
        moveTo(OrderStatus.CONFIRMED, null, now);
    }

    /** The saga gave up; what it took was given back. */
    public void fail(String reason, Instant now) {
        if (paymentStatus == PaymentStatus.CAPTURED) {
            paymentStatus = PaymentStatus.REFUNDED;
        } else if (paymentStatus == PaymentStatus.PENDING) {
            paymentStatus = PaymentStatus.FAILED;
        }
        moveTo(OrderStatus.FAILED, reason, now);
    }

    void cancel(String reason, Instant now) {
        moveTo(OrderStatus.CANCELLED, reason, now);
    }

    /** An admin moves the order along fulfilment: PROCESSING, SHIPPED, DELIVERED. */
    public void advance(OrderStatus next, String trackingNumber, Instant now) {
        if (trackingNumber != null) {
            this.trackingNumber = trackingNumber;
        }
        moveTo(next, null, now);
    }

    /** The last of its units came back: its last return was approved. */
    public void returned(Instant now) {
        moveTo(OrderStatus.RETURNED, null, now);
    }

    /** Every return's refund was made, the order's whole total with them. */
    public void refundedInFull(Instant now) {
        paymentStatus = PaymentStatus.REFUNDED;
        moveTo(OrderStatus.REFUNDED, null, now);
    }

    private void moveTo(OrderStatus next, String reason, Instant now) {
        if (!status.mayBecome(next)) {
            throw new InvalidTransition(orderId, status, next);
        }
        OrderStatus previous = status;
        status = next;
        updatedAt = now;
        if (next == OrderStatus.FAILED || next == OrderStatus.CANCELLED) {
            failureReason = reason;
        }
        events.add(new OrderEvent.StatusChanged(this, previous, next, reason, now));
    }

    List<OrderEvent> takeEvents() {
        List<OrderEvent> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    /** Thrown when a status change is not allowed from where the order is. */
    static final class InvalidTransition extends RuntimeException {
        final OrderStatus from;
        final OrderStatus to;

        InvalidTransition(String orderId, OrderStatus from, OrderStatus to) {
            super("order " + orderId + " cannot go from " + from + " to " + to);
            this.from = from;
            this.to = to;
        }
    }

    public String orderId() { return orderId; }
    String orderNumber() { return orderNumber; }
    public String userId() { return userId; }
    public String customerEmail() { return customerEmail; }
    String cartId() { return cartId; }
    String checkoutId() { return checkoutId; }
    public List<Line> lines() { return lines; }
    public Totals totals() { return totals; }
    Address shippingAddress() { return shippingAddress; }
    String paymentMethodType() { return paymentMethodType; }
    public Instant createdAt() { return createdAt; }
    public OrderStatus status() { return status; }
    public PaymentStatus paymentStatus() { return paymentStatus; }
    String paymentId() { return paymentId; }
    public String transactionId() { return transactionId; }
    public String failureReason() { return failureReason; }
    String trackingNumber() { return trackingNumber; }
    Instant updatedAt() { return updatedAt; }
}
