package dev.checkout.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The figures of the back office's dashboard since a moment: each counts what happened since then (orders placed,
 * confirmed, failed, cancelled at or after {@code since}), read from the analytics schema alone.
 */
@Service
class Dashboard {

    static final String DEFAULT_CURRENCY = "USD";
    private static final int TOP_PRODUCTS = 10;

    private final JdbcClient jdbc;

    Dashboard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Figures(OrderCounts orders, BigDecimal revenue, String currency, BigDecimal paymentSuccessRate,
                   Latency checkoutLatencyMs, Conversion conversion, BigDecimal cartAbandonmentRate,
                   List<FailureReason> failureReasons, List<TopProduct> topProducts, Instant since) {
    }

    record OrderCounts(long created, long confirmed, long failed, long cancelled) {
    }

    /** From an order's placement to its confirmation, in milliseconds; zeros while no order was confirmed. */
    record Latency(long p50, long p95, long p99) {
    }

    /**
     * The funnel: carts that ended (converted, abandoned or left at an expired checkout; a direct order is a cart of
     * its own), checkouts (orders placed and two-step checkouts that expired unpaid), orders paid, orders confirmed.
     */
    record Conversion(long carts, long checkouts, long paid, long confirmed) {
    }

    record FailureReason(String reason, long count) {
    }

    record TopProduct(String productId, String name, long units, BigDecimal revenue) {
    }

    Figures since(Instant since) {
        Timestamp from = Timestamp.from(since);
        OrderCounts orders = jdbc.sql("""
                        select (select count(*) from analytics.orders where placed_at >= :since) as created,
                               (select count(*) from analytics.orders where confirmed_at >= :since) as confirmed,
                               (select count(*) from analytics.orders where failed_at >= :since) as failed,
                               (select count(*) from analytics.orders where cancelled_at >= :since) as cancelled""")
                .param("since", from)
                .query((rs, n) -> new OrderCounts(rs.getLong("created"), rs.getLong("confirmed"), rs.getLong("failed"), rs.getLong("cancelled")))
                .single();
        // The platform's orders share one currency in practice; should several appear, the most used one is reported.
        String currency = jdbc.sql("""
                        select currency from analytics.orders where confirmed_at >= :since and currency is not null
                        group by currency order by count(*) desc, currency limit 1""")
                .param("since", from).query(String.class).optional().orElse(DEFAULT_CURRENCY);
        BigDecimal revenue = jdbc.sql("select coalesce(sum(total_amount), 0) from analytics.orders where confirmed_at >= :since and currency = :currency")
                .param("since", from).param("currency", currency).query(BigDecimal.class).single();
        // Counted first and divided after: a period without payments has no rate (null), and single() refuses a null row.
        long[] payments = jdbc.sql("""
                        select count(*) filter (where succeeded) as succeeded, count(*) as attempts
                        from analytics.payments where occurred_at >= :since""")
                .param("since", from).query((rs, n) -> new long[] {rs.getLong("succeeded"), rs.getLong("attempts")}).single();
        BigDecimal paymentSuccessRate = rate(payments[0], payments[1]);
        Conversion conversion = conversion(from, orders.confirmed());
        long abandoned = jdbc.sql("select count(*) from analytics.abandoned_carts where detected_at >= :since")
                .param("since", from).query(Long.class).single();
        return new Figures(orders, money(revenue), currency, paymentSuccessRate, latency(from), conversion,
                rate(abandoned, conversion.carts()), failureReasons(from), topProducts(from, currency), since);
    }

    private Conversion conversion(Timestamp since, long confirmed) {
        return jdbc.sql("""
                        select (select count(distinct cart) from (
                                    select coalesce(cart_id, order_id) as cart from analytics.orders where placed_at >= :since
                                    union select cart_id from analytics.abandoned_carts where detected_at >= :since
                                    union select coalesce(cart_id, checkout_id) from analytics.expired_checkouts where expired_at >= :since) carts) as carts,
                               (select count(*) from analytics.orders where placed_at >= :since)
                                 + (select count(*) from analytics.expired_checkouts where expired_at >= :since) as checkouts,
                               (select count(*) from analytics.payments where succeeded and occurred_at >= :since) as paid""")
                .param("since", since)
                .query((rs, n) -> new Conversion(rs.getLong("carts"), rs.getLong("checkouts"), rs.getLong("paid"), confirmed))
                .single();
    }

    private Latency latency(Timestamp since) {
        return jdbc.sql("""
                        select percentile_cont(array[0.5, 0.95, 0.99]) within group (order by extract(epoch from confirmed_at - placed_at) * 1000)
                        from analytics.orders where confirmed_at >= :since and placed_at is not null""")
                .param("since", since)
                .query((rs, n) -> latency(rs.getArray(1)))
                .single();
    }

    private static Latency latency(Array percentiles) throws SQLException {
        if (percentiles == null) {
            return new Latency(0, 0, 0);
        }
        Object[] values = (Object[]) percentiles.getArray();
        return new Latency(millis(values[0]), millis(values[1]), millis(values[2]));
    }

    private static long millis(Object value) {
        return value == null ? 0 : Math.max(0, Math.round(((Number) value).doubleValue()));
    }

    private List<FailureReason> failureReasons(Timestamp since) {
        return jdbc.sql("""
                        select failure_reason, count(*) as count from analytics.orders where failed_at >= :since
                        group by failure_reason order by count desc, failure_reason""")
                .param("since", since)
                .query((rs, n) -> new FailureReason(rs.getString("failure_reason"), rs.getLong("count")))
                .list();
    }

    /** Units and revenue of confirmed orders, by product, the best sellers by revenue first. */
    private List<TopProduct> topProducts(Timestamp since, String currency) {
        return jdbc.sql("""
                        select line.product_id, product.name, sum(line.quantity) as units, sum(line.quantity * line.unit_price) as revenue
                        from analytics.order_lines line
                        join analytics.orders orders on orders.order_id = line.order_id
                        left join analytics.products product on product.product_id = line.product_id
                        where orders.confirmed_at >= :since and orders.currency = :currency
                        group by line.product_id, product.name
                        order by revenue desc, units desc, line.product_id limit :limit""")
                .param("since", since).param("currency", currency).param("limit", TOP_PRODUCTS)
                .query((rs, n) -> new TopProduct(rs.getString("product_id"), rs.getString("name"), rs.getLong("units"),
                        money(rs.getBigDecimal("revenue"))))
                .list();
    }

    /** A share between 0 and 1 with four decimals; none while nothing was counted (no rate of nothing). */
    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
