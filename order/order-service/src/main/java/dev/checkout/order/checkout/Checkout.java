package dev.checkout.order.checkout;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import dev.checkout.order.orders.Address;
import dev.checkout.order.orders.Order;

/**
 * A cart's contents held for payment: reserved stock and locked prices until {@code expiresAt}. It is RESERVING until
 * inventory answers, then RESERVED (or FAILED when stock is short); paying it makes it PAID and hands its reservation
 * to the order's saga; left alone past {@code expiresAt} it becomes EXPIRED and can no longer be paid.
 */
public final class Checkout {

    public enum Status { RESERVING, RESERVED, PAID, EXPIRED, FAILED }

    /** A line whose price moved between its addition to the cart and the checkout (the checkout's price wins). */
    public record PriceChange(String productId, String variantId, BigDecimal priceAtAddition, BigDecimal currentPrice) {
    }

    /** Something the customer should know, from the cart ({@code product_id} set) or from pricing. */
    public record Warning(String code, String productId, String message) {
    }

    /** A line inventory could not reserve in full. */
    record ShortItem(String productId, String variantId, int requested, int available) {
    }

    /** The type of checkout ids ({@code chk_…}), which tells a checkout's reservation from an order's. */
    public static final String ID_TYPE = "chk";
    public static final String ID_PREFIX = ID_TYPE + "_";

    private final String checkoutId;
    private final String userId;
    private final String cartId;
    private final List<Order.Line> lines;
    private final Order.Totals totals;
    private final Address shippingAddress;
    private final List<PriceChange> priceChanges;
    private final List<Warning> warnings;
    private final Instant expiresAt;
    private final Instant createdAt;
    private Status status;
    private List<ShortItem> failedItems;
    private String orderId;

    Checkout(String checkoutId, String userId, String cartId, List<Order.Line> lines, Order.Totals totals,
             Address shippingAddress, List<PriceChange> priceChanges, List<Warning> warnings,
             Instant expiresAt, Instant createdAt, Status status, List<ShortItem> failedItems, String orderId) {
        this.checkoutId = Objects.requireNonNull(checkoutId);
        this.userId = Objects.requireNonNull(userId);
        this.cartId = Objects.requireNonNull(cartId);
        this.lines = List.copyOf(lines);
        this.totals = totals;
        this.shippingAddress = shippingAddress;
        this.priceChanges = priceChanges;
        this.warnings = warnings;
        this.expiresAt = expiresAt;
        this.createdAt = createdAt;
        this.status = status;
        this.failedItems = failedItems;
        this.orderId = orderId;
    }

    public static Checkout open(String checkoutId, String userId, String cartId, List<Order.Line> lines, Order.Totals totals,
                         Address shippingAddress, List<PriceChange> priceChanges,
                         List<Warning> warnings, Instant now, java.time.Duration hold) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a checkout holds at least one line");
        }
        return new Checkout(checkoutId, userId, cartId, lines, totals, shippingAddress, priceChanges, warnings, now.plus(hold), now,
                Status.RESERVING, null, null);
    }

    /** Still payable, or about to be: reserving or reserved, and not past its time. */
    boolean isOpenAt(Instant now) {
        return (status == Status.RESERVING || status == Status.RESERVED) && now.isBefore(expiresAt);
    }

    void stockReserved() {
        if (status == Status.RESERVING) {
            status = Status.RESERVED;
        }
    }

    void stockRefused(List<ShortItem> shortItems) {
        if (status == Status.RESERVING) {
            status = Status.FAILED;
            failedItems = shortItems;
        }
    }

    /** Past its time and unpaid: it will never be paid. Returns whether this call expired it. */
    boolean expire(Instant now) {
        if ((status == Status.RESERVING || status == Status.RESERVED) && !now.isBefore(expiresAt)) {
            status = Status.EXPIRED;
            return true;
        }
        return false;
    }

    /** Hands the checkout to its order; refused unless it is reserved and in time. */
    public void paidBy(String orderId, Instant now) {
        if (status == Status.PAID) {
            throw new AlreadyPaid(this.orderId);
        }
        if (status == Status.EXPIRED || (status == Status.RESERVED && !now.isBefore(expiresAt))) {
            throw new Expired();
        }
        if (status != Status.RESERVED) {
            throw new NotPayable(status);
        }
        this.orderId = orderId;
        this.status = Status.PAID;
    }

    public static final class Expired extends RuntimeException {
        Expired() {
            super("the checkout expired");
        }
    }

    public static final class AlreadyPaid extends RuntimeException {
        public final String orderId;

        AlreadyPaid(String orderId) {
            super("the checkout was already paid by order " + orderId);
            this.orderId = orderId;
        }
    }

    public static final class NotPayable extends RuntimeException {
        public final Status status;

        NotPayable(Status status) {
            super("a " + status + " checkout cannot be paid");
            this.status = status;
        }
    }

    public String checkoutId() { return checkoutId; }
    public String userId() { return userId; }
    public String cartId() { return cartId; }
    public List<Order.Line> lines() { return lines; }
    public Order.Totals totals() { return totals; }
    Address shippingAddress() { return shippingAddress; }
    List<PriceChange> priceChanges() { return priceChanges; }
    List<Warning> warnings() { return warnings; }
    public Instant expiresAt() { return expiresAt; }
    Instant createdAt() { return createdAt; }
    public Status status() { return status; }
    List<ShortItem> failedItems() { return failedItems; }
    public String orderId() { return orderId; }
}
