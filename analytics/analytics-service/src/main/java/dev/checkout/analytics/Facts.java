package dev.checkout.analytics;

import java.time.Instant;
import java.util.List;

import dev.checkout.cart.api.CartAbandoned;
import dev.checkout.catalog.api.ProductChanged;
import dev.checkout.order.api.CheckoutExpired;
import dev.checkout.order.api.OrderCancelled;
import dev.checkout.order.api.OrderConfirmed;
import dev.checkout.order.api.OrderFailed;
import dev.checkout.order.api.OrderLine;
import dev.checkout.order.api.OrderPlaced;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Records what the events say into the read model. Every write is an upsert of its own columns, so the events of an
 * order may arrive in any order across topics, and a write that finds its fact already there changes nothing.
 */
@Service
class Facts {

    private final JdbcClient jdbc;

    Facts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void placed(OrderPlaced placed) {
        jdbc.sql("""
                        insert into analytics.orders (order_id, user_id, cart_id, total_amount, currency, placed_at)
                        values (:order, :user, :cart, :total, :currency, :at)
                        on conflict (order_id) do update set user_id = excluded.user_id, cart_id = excluded.cart_id,
                            total_amount = coalesce(analytics.orders.total_amount, excluded.total_amount),
                            currency = coalesce(analytics.orders.currency, excluded.currency), placed_at = excluded.placed_at""")
                .param("order", placed.orderId()).param("user", placed.userId()).param("cart", placed.cartId())
                .param("total", placed.totalAmount()).param("currency", placed.currency()).param("at", timestamp(placed.placedAt()))
                .update();
    }

    /** The confirmed order's own figures win over the placed one's: they are what was charged. */
    void confirmed(OrderConfirmed confirmed) {
        jdbc.sql("""
                        insert into analytics.orders (order_id, user_id, cart_id, total_amount, currency, placed_at, confirmed_at)
                        values (:order, :user, :cart, :total, :currency, :placed, :at)
                        on conflict (order_id) do update set total_amount = excluded.total_amount, currency = excluded.currency,
                            placed_at = coalesce(analytics.orders.placed_at, excluded.placed_at), confirmed_at = excluded.confirmed_at""")
                .param("order", confirmed.orderId()).param("user", confirmed.userId()).param("cart", confirmed.cartId())
                .param("total", confirmed.totalAmount()).param("currency", confirmed.currency())
                .param("placed", timestamp(confirmed.placedAt())).param("at", timestamp(confirmed.confirmedAt()))
                .update();
        List<OrderLine> lines = confirmed.lines() == null ? List.of() : confirmed.lines();
        for (int number = 0; number < lines.size(); number++) {
            OrderLine line = lines.get(number);
            jdbc.sql("""
                            insert into analytics.order_lines (order_id, line_number, product_id, quantity, unit_price)
                            values (:order, :number, :product, :quantity, :price) on conflict do nothing""")
                    .param("order", confirmed.orderId()).param("number", number).param("product", line.productId())
                    .param("quantity", line.quantity()).param("price", line.unitPrice())
                    .update();
        }
    }

    void failed(OrderFailed failed) {
        jdbc.sql("""
                        insert into analytics.orders (order_id, user_id, cart_id, failed_at, failure_reason) values (:order, :user, :cart, :at, :reason)
                        on conflict (order_id) do update set failed_at = excluded.failed_at, failure_reason = excluded.failure_reason""")
                .param("order", failed.orderId()).param("user", failed.userId()).param("cart", failed.cartId())
                .param("at", timestamp(failed.failedAt())).param("reason", failed.failureReason() == null ? "unknown" : failed.failureReason())
                .update();
    }

    void cancelled(OrderCancelled cancelled) {
        jdbc.sql("""
                        insert into analytics.orders (order_id, user_id, cart_id, cancelled_at) values (:order, :user, :cart, :at)
                        on conflict (order_id) do update set cancelled_at = excluded.cancelled_at""")
                .param("order", cancelled.orderId()).param("user", cancelled.userId()).param("cart", cancelled.cartId())
                .param("at", timestamp(cancelled.cancelledAt()))
                .update();
    }

    void expired(CheckoutExpired expired) {
        jdbc.sql("insert into analytics.expired_checkouts (checkout_id, cart_id, expired_at) values (:checkout, :cart, :at) on conflict do nothing")
                .param("checkout", expired.checkoutId()).param("cart", expired.cartId()).param("at", timestamp(expired.expiredAt()))
                .update();
    }

    /** A charge's first outcome counts: a payment is either taken or refused once per order. */
    void paid(String orderId, Instant at) {
        payment(orderId, true, null, at);
    }

    void notPaid(String orderId, String reason, Instant at) {
        payment(orderId, false, reason, at);
    }

    private void payment(String orderId, boolean succeeded, String reason, Instant at) {
        jdbc.sql("insert into analytics.payments (order_id, succeeded, reason, occurred_at) values (:order, :succeeded, :reason, :at) on conflict do nothing")
                .param("order", orderId).param("succeeded", succeeded).param("reason", reason).param("at", timestamp(at))
                .update();
    }

    void abandoned(CartAbandoned abandoned) {
        jdbc.sql("insert into analytics.abandoned_carts (cart_id, detected_at) values (:cart, :at) on conflict do nothing")
                .param("cart", abandoned.cartId()).param("at", timestamp(abandoned.detectedAt()))
                .update();
    }

    /** Keeps the newest name of each product; a stale copy arriving late is ignored by its version. */
    void product(ProductChanged changed) {
        if (changed.name() == null) {
            return;
        }
        jdbc.sql("""
                        insert into analytics.products (product_id, name, version) values (:product, :name, :version)
                        on conflict (product_id) do update set name = excluded.name, version = excluded.version
                        where analytics.products.version < excluded.version""")
                .param("product", changed.productId()).param("name", changed.name()).param("version", changed.version())
                .update();
    }

    /** An event without its time counts as happening now: it is on its way, not lost. */
    private static java.sql.Timestamp timestamp(Instant at) {
        return java.sql.Timestamp.from(at == null ? Instant.now() : at);
    }
}
