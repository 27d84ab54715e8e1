package dev.checkout.inventory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

import dev.checkout.inventory.api.ReserveStock;
import dev.checkout.inventory.api.StockLine;
import dev.checkout.platform.core.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-line builders for inventory tests: products stocked under fresh ids (as an admin sets them, the catalog check
 * aside), orders for them, and what each store says about them.
 */
final class StockFixtures {

    static final String MAIN_WAREHOUSE = "wh_main";

    private final StockAdministration administration;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    StockFixtures(StockAdministration administration, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.administration = administration;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A new product with {@code units} in the main warehouse; its gate counter is loaded when first asked for. */
    String productWith(int units) {
        String productId = Ids.newId("prod");
        setTotal(productId, MAIN_WAREHOUSE, units);
        return productId;
    }

    void setTotal(String productId, String warehouseId, int units) {
        transaction.executeWithoutResult(status -> administration.setTotalOfKnownProduct(productId, null, warehouseId, units));
    }

    static ReserveStock orderOf(String productId, int units) {
        return orderOf(line(productId, units));
    }

    static ReserveStock orderOf(StockLine... lines) {
        return orderUntil(Instant.now().plus(15, ChronoUnit.MINUTES), lines);
    }

    static ReserveStock orderUntil(Instant expiresAt, StockLine... lines) {
        return new ReserveStock(Ids.newId("order"), Arrays.asList(lines), expiresAt, null);
    }

    static StockLine line(String productId, int units) {
        return new StockLine(productId, null, units);
    }

    /** PostgreSQL's figures for a product, summed over warehouses. */
    Levels inPostgres(String productId) {
        return jdbc.sql("""
                        select coalesce(sum(quantity_total), 0) as total, coalesce(sum(quantity_reserved), 0) as reserved,
                               coalesce(sum(quantity_available), 0) as available
                        from inventory.stock where product_id = :product""")
                .param("product", productId)
                .query((rs, n) -> new Levels(rs.getInt("total"), rs.getInt("reserved"), rs.getInt("available"))).single();
    }

    /** The gate's counter for a product; null when it is not loaded. */
    Long inRedis(String productId) {
        String value = GateRedisServer.redis().get(new CounterKey(productId, null).availableKey());
        return value == null ? null : Long.valueOf(value);
    }

    /** Units Redis holds in flight on a product's counter. */
    long inFlight(String productId) {
        return GateRedisServer.redis().hvals(new CounterKey(productId, null).inFlightKey()).stream().mapToLong(Long::parseLong).sum();
    }

    /** Reservations on record holding units of the product, by status. */
    int reservationsOf(String productId, Reservation.Status status) {
        return jdbc.sql("""
                        select count(distinct r.reservation_id) from inventory.reservations r
                        join inventory.reservation_lines l using (reservation_id)
                        where l.product_id = :product and r.status = :status""")
                .param("product", productId).param("status", status.name()).query(Integer.class).single();
    }

    /**
     * Whether a backend waits for a row lock now, other than the gate's reconciliation reading a product's rows: how a
     * test sees a job blocked behind its transaction.
     */
    boolean aBackendWaitsForARowLock() {
        return jdbc.sql("""
                        select count(*) from pg_stat_activity
                        where datname = current_database() and wait_event_type = 'Lock'
                          and query not like '%select quantity_available from inventory.stock%'""")
                .query(Integer.class).single() > 0;
    }

    record Levels(int total, int reserved, int available) {
    }
}
