package dev.checkout.order.checkout;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import dev.checkout.order.orders.Address;
import dev.checkout.order.orders.Order;

/**
 * A cart's contents held for payment: reserved stock and locked prices until {@code expiresAt}. It is RESERVING until
 * inventory answers, then RESERVED (or FAILED when stock is short); paying it makes it PAID and hands its reservation
 * to the order's saga; left alone past {@code expiresAt} it becomes EXPIRED and can no longer be paid.
 * <p>
 * A flash sale's hold ({@link #openHold}) has {@code lifeOnceReserved}, a purchase token's life, and its time to be
 * paid starts with what its holder can know: once inventory answers, the holder has {@code noticeOnceReserved} to
 * notice the token, and its life from the moment they first see it ({@link #tokenSeen}), so neither slow reserving nor
 * a customer who polls every so often eats the time to pay; one who never looks loses the units when the notice time
 * and a life have passed. Until inventory answers its {@code expiresAt} is only how long it may wait for inventory.
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
    private Instant expiresAt;
    private final Instant createdAt;
    private final Duration lifeOnceReserved;
    private final Duration noticeOnceReserved;
    private Status status;
    private List<ShortItem> failedItems;
    private String orderId;
    private boolean stockReleasing;

    Checkout(String checkoutId, String userId, String cartId, List<Order.Line> lines, Order.Totals totals,
             Address shippingAddress, List<PriceChange> priceChanges, List<Warning> warnings,
             Instant expiresAt, Instant createdAt, Duration lifeOnceReserved, Duration noticeOnceReserved, Status status,
             List<ShortItem> failedItems, String orderId, boolean stockReleasing) {
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
        this.lifeOnceReserved = lifeOnceReserved;
        this.noticeOnceReserved = noticeOnceReserved;
        this.status = status;
        this.failedItems = failedItems;
        this.orderId = orderId;
        this.stockReleasing = stockReleasing;
    }

    public static Checkout open(String checkoutId, String userId, String cartId, List<Order.Line> lines, Order.Totals totals,
                         Address shippingAddress, List<PriceChange> priceChanges,
                         List<Warning> warnings, Instant now, Duration hold) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a checkout holds at least one line");
        }
        return new Checkout(checkoutId, userId, cartId, lines, totals, shippingAddress, priceChanges, warnings, now.plus(hold), now,
                null, null, Status.RESERVING, null, null, false);
    }

    /**
     * A hold whose token lives {@code life} from its holder's first look, which must come within {@code notice} of its
     * stock being reserved; until then it waits for inventory at most {@code reservingTimeout}, after which it expires
     * unreserved (its units go back to the sale).
     */
    public static Checkout openHold(String checkoutId, String userId, String holderId, List<Order.Line> lines, Order.Totals totals,
                                    Instant now, Duration reservingTimeout, Duration notice, Duration life) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a checkout holds at least one line");
        }
        if (!life.isPositive() || !reservingTimeout.isPositive() || notice.isNegative()) {
            throw new IllegalArgumentException("a hold waits and lives for some time");
        }
        return new Checkout(checkoutId, userId, holderId, lines, totals, null, List.of(), List.of(), now.plus(reservingTimeout), now,
                life, notice, Status.RESERVING, null, null, false);
    }

    /** Still payable, or about to be: reserving or reserved, and not past its time. */
    boolean isOpenAt(Instant now) {
        return (status == Status.RESERVING || status == Status.RESERVED) && now.isBefore(expiresAt);
    }

    /**
     * Inventory reserved the stock at or before {@code now}, until {@code reservationExpiresAt}. A hold with a life
     * once reserved is payable from now for its notice time and a life ({@link #tokenSeen} cuts that to a life from the
     * first look), cut short only if the reservation would not outlive it by one life (the time an order placed at the
     * token's last moment needs to adopt it); one that waited past its time for this answer stays as it is, for the
     * expiry to let go.
     */
    void stockReserved(Instant now, Instant reservationExpiresAt) {
        if (status != Status.RESERVING) {
            return;
        }
        if (lifeOnceReserved != null) {
            if (!now.isBefore(expiresAt)) {
                return;
            }
            Instant lifeEnds = now.plus(lifeOnceReserved).plus(noticeOnceReserved == null ? Duration.ZERO : noticeOnceReserved);
            if (reservationExpiresAt != null && reservationExpiresAt.minus(lifeOnceReserved).isBefore(lifeEnds)) {
                lifeEnds = reservationExpiresAt.minus(lifeOnceReserved);
            }
            if (!now.isBefore(lifeEnds)) {
                return;
            }
            expiresAt = lifeEnds;
        }
        status = Status.RESERVED;
    }

    /**
     * The holder saw the hold's purchase token at {@code now}: it lives one life from then, unless less was left. Only
     * ever shortens, so every look after the first changes nothing; returns whether this one did.
     */
    public boolean tokenSeen(Instant now) {
        if (lifeOnceReserved == null || status != Status.RESERVED || !now.isBefore(expiresAt)) {
            return false;
        }
        Instant lifeEnds = now.plus(lifeOnceReserved);
        if (!lifeEnds.isBefore(expiresAt)) {
            return false;
        }
        expiresAt = lifeEnds;
        return true;
    }

    void stockRefused(List<ShortItem> shortItems) {
        if (status == Status.RESERVING) {
            status = Status.FAILED;
            failedItems = shortItems;
        }
    }

    /**
     * Past its time and unpaid: it will never be paid, and its stock is let go ({@link #isStockReleasing} until
     * inventory says it is back). Returns whether this call let it go. A hold whose life had not started (inventory
     * never answered in time) fails instead of expiring: its holder never had the time to pay, and waits again.
     */
    boolean expire(Instant now) {
        if ((status == Status.RESERVING || status == Status.RESERVED) && !now.isBefore(expiresAt)) {
            if (status == Status.RESERVING && lifeOnceReserved != null) {
                status = Status.FAILED;
                failedItems = List.of();
            } else {
                status = Status.EXPIRED;
            }
            stockReleasing = true;
            return true;
        }
        return false;
    }

    /** Inventory has the let-go stock back: it can be reserved again. */
    void stockReleased() {
        stockReleasing = false;
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
    Duration lifeOnceReserved() { return lifeOnceReserved; }
    Duration noticeOnceReserved() { return noticeOnceReserved; }
    public Status status() { return status; }
    List<ShortItem> failedItems() { return failedItems; }
    public String orderId() { return orderId; }
    /** Let go ({@link #expire}) while inventory has not yet said the stock is back: still held as far as anyone can tell. */
    public boolean isStockReleasing() { return stockReleasing; }
}
