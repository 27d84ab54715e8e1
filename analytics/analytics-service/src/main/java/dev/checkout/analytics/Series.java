package dev.checkout.analytics;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Time series for the dashboard's charts: one point per hour or day (UTC) from the bucket holding {@code from} to the
 * one holding {@code to}, empty buckets included as zero, so a chart needs no gap filling.
 */
@Service
class Series {

    enum Metric {
        /** Orders placed in the bucket. */
        ORDERS,
        /** The total amount of the orders confirmed in the bucket. */
        REVENUE
    }

    enum Interval {
        HOUR, DAY
    }

    record Point(Instant at, BigDecimal value) {
    }

    private final JdbcClient jdbc;

    Series(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Point> of(Metric metric, Interval interval, Instant from, Instant to) {
        String unit = interval.name().toLowerCase();
        String bucketed = switch (metric) {
            case ORDERS -> """
                    select date_trunc(:unit, placed_at, 'UTC') as bucket, count(*)::numeric as value
                    from analytics.orders where placed_at >= date_trunc(:unit, :from, 'UTC') and placed_at <= :to group by bucket""";
            case REVENUE -> """
                    select date_trunc(:unit, confirmed_at, 'UTC') as bucket, sum(total_amount) as value
                    from analytics.orders where confirmed_at >= date_trunc(:unit, :from, 'UTC') and confirmed_at <= :to group by bucket""";
        };
        return jdbc.sql("""
                        select buckets.at, coalesce(figures.value, 0) as value
                        from generate_series(date_trunc(:unit, :from, 'UTC'), date_trunc(:unit, :to, 'UTC'), ('1 ' || :unit)::interval) as buckets(at)
                        left join (%s) figures on figures.bucket = buckets.at
                        order by buckets.at""".formatted(bucketed))
                .param("unit", unit).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new Point(rs.getTimestamp("at").toInstant(), value(metric, rs.getBigDecimal("value"))))
                .list();
    }

    private static BigDecimal value(Metric metric, BigDecimal value) {
        return metric == Metric.REVENUE ? Dashboard.money(value) : value.stripTrailingZeros().setScale(0);
    }
}
