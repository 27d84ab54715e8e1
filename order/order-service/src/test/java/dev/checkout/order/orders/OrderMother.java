package dev.checkout.order.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Orders for tests of the packages that act on one (the sagas, returns). */
public final class OrderMother {

    public static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private OrderMother() {
    }

    /** A PENDING order of two widgets, just placed. */
    public static Order pendingOrder() {
        return pendingOrder("order_0123456789abcdef0123456789abcdef", "user_1", NOW);
    }

    /** A PENDING order of two widgets, placed by {@code userId} at {@code at}. */
    public static Order pendingOrder(String orderId, String userId, Instant at) {
        var line = new Order.Line("prod_1", null, "Widget", 2, new BigDecimal("9.99"));
        var totals = new Order.Totals(new BigDecimal("19.98"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("19.98"), "USD");
        return Order.place(orderId, userId, "ada@example.com", null, null, List.of(line), totals,
                new Address("Ada", "1 Main St", "Springfield", null, "62701", "US", null), "card", at);
    }
}
