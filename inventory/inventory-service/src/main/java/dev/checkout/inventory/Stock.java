package dev.checkout.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.checkout.inventory.api.StockLine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stock rows of the {@code inventory} schema: selling, freeing and giving back reserved units, setting a place's
 * physical stock, and reading levels. Every change is a single conditional statement the database checks against its
 * constraints, so no interleaving of callers can sell what was not reserved. Taking units for a reservation is
 * {@link Allocations}'; noting products for the level announcements is {@link StockChanges}'.
 */
@Repository
class Stock {

    private final JdbcClient jdbc;

    /** The columns {@link #row} reads (a space after them: the text blocks they join start a line at its first word). */
    static final String ROW_COLUMNS =
            "stock_id, product_id, variant_id, warehouse_id, quantity_total, quantity_reserved, quantity_available, low_stock_threshold ";

    Stock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row: a product (and variant) in a warehouse. */
    record Row(long stockId, String productId, String variantId, String warehouseId, int total, int reserved, int available,
               int lowStockThreshold) {
    }

    /**
     * The lines that look short at a glance, read without locking: what is short here may have been freed a moment
     * ago, so this can only refuse falsely, never reserve. It spares the stock row's lock queue the demand it would
     * refuse anyway when there is no Redis gate in front.
     */
    List<Reservation.Shortfall> apparentShortfalls(List<StockLine> requested) {
        List<Reservation.Shortfall> shortfalls = new ArrayList<>();
        for (StockLine line : requested) {
            int available = jdbc.sql("""
                            select coalesce(sum(quantity_available), 0) from inventory.stock
                            where product_id = :product and variant_id is not distinct from :variant""")
                    .param("product", line.productId()).param("variant", line.variantId()).query(Integer.class).single();
            if (available < line.quantity()) {
                shortfalls.add(new Reservation.Shortfall(line.productId(), line.variantId(), line.quantity(), available));
            }
        }
        return shortfalls;
    }

    /** The sale of reserved units: they leave both the reserved count and the physical stock. */
    void sell(List<Reservation.Line> lines) {
        for (Reservation.Line line : sorted(lines)) {
            change(line, "quantity_total = quantity_total - :q, quantity_reserved = quantity_reserved - :q", "quantity_reserved >= :q");
        }
    }

    /** Reserved units become available again. */
    void free(List<Reservation.Line> lines) {
        for (Reservation.Line line : sorted(lines)) {
            change(line, "quantity_reserved = quantity_reserved - :q", "quantity_reserved >= :q");
        }
    }

    /** Sold units come back to the shelf. */
    void giveBack(List<Reservation.Line> lines) {
        for (Reservation.Line line : sorted(lines)) {
            change(line, "quantity_total = quantity_total + :q", "true");
        }
    }

    private void change(Reservation.Line line, String assignment, String guard) {
        int updated = jdbc.sql("update inventory.stock set " + assignment + ", version = version + 1, updated_at = now() where stock_id = :id and " + guard)
                .param("q", line.quantity()).param("id", line.stockId()).update();
        if (updated != 1) {
            throw new IllegalStateException("stock row " + line.stockId() + " does not hold " + line.quantity() + " units to change");
        }
    }

    /**
     * Locks the stock rows the lines hold, for the transaction, in {@link #LOCK_ORDER} and by stock id within a
     * product: the one order every path that locks more than one row takes them in. (Locks follow the {@code order by}:
     * PostgreSQL locks the rows as the sorted rows come out.)
     */
    void lock(List<Reservation.Line> lines) {
        Long[] ids = sorted(lines).stream().map(Reservation.Line::stockId).distinct().toArray(Long[]::new);
        if (ids.length > 0) {
            jdbc.sql("""
                            select s.stock_id from unnest(:ids::bigint[]) with ordinality as wanted (stock_id, position)
                            join inventory.stock s using (stock_id)
                            order by wanted.position for update of s""")
                    .param("ids", ids).query(Long.class).list();
        }
    }

    /**
     * The stock rows (as lines of no quantity) of the owners' reservations and of the products and variants wanted, in
     * any warehouse; read without locking, for {@link #lock}.
     */
    List<Reservation.Line> placesOf(Collection<String> owners, Collection<StockLine> wanted) {
        return jdbc.sql("""
                        select s.stock_id, s.product_id, s.variant_id, s.warehouse_id
                        from inventory.stock s
                        where s.stock_id in (select l.stock_id from inventory.reservations r
                                             join inventory.reservation_lines l using (reservation_id)
                                             where r.owner_id = any(:owners))
                           or (s.product_id, coalesce(s.variant_id, '')) in (
                                select w.product_id, coalesce(w.variant_id, '')
                                from unnest(:products::text[], :variants::text[]) as w (product_id, variant_id))""")
                .param("owners", owners.toArray(String[]::new))
                .param("products", wanted.stream().map(StockLine::productId).toArray(String[]::new))
                .param("variants", wanted.stream().map(StockLine::variantId).toArray(String[]::new))
                .query((rs, n) -> new Reservation.Line(rs.getLong("stock_id"), rs.getString("product_id"), rs.getString("variant_id"),
                        rs.getString("warehouse_id"), 0))
                .list();
    }

    /** The stock row of one place, locked for the transaction; empty when the place has no row yet. */
    Optional<Row> lockPlace(String productId, String variantId, String warehouseId) {
        return jdbc.sql("""
                        select\s""" + ROW_COLUMNS + """
                        from inventory.stock
                        where product_id = :product and variant_id is not distinct from :variant and warehouse_id = :warehouse
                        for update""")
                .param("product", productId).param("variant", variantId).param("warehouse", warehouseId)
                .query(Stock::row).optional();
    }

    /** Sets the physical stock of a place (creating it, and its warehouse, if new). Returns the row. */
    Row setTotal(String productId, String variantId, String warehouseId, int total, int defaultThreshold) {
        jdbc.sql("""
                        insert into inventory.warehouses (warehouse_id, priority)
                        values (:warehouse, (select coalesce(max(priority), 0) + 1 from inventory.warehouses))
                        on conflict (warehouse_id) do nothing""")
                .param("warehouse", warehouseId).update();
        return jdbc.sql("""
                        insert into inventory.stock (product_id, variant_id, warehouse_id, quantity_total, low_stock_threshold)
                        values (:product, :variant, :warehouse, :total, :threshold)
                        on conflict on constraint one_row_per_place
                        do update set quantity_total = excluded.quantity_total, version = inventory.stock.version + 1, updated_at = now()
                        returning\s""" + ROW_COLUMNS)
                .param("product", productId).param("variant", variantId).param("warehouse", warehouseId)
                .param("total", total).param("threshold", defaultThreshold)
                .query(Stock::row).single();
    }

    /**
     * The units available of one product (and variant) over all its warehouses, with its rows locked for the
     * transaction: nothing can reserve, free or restock them until it ends. Reconciliation reads the truth this way.
     */
    int lockAvailable(CounterKey counter) {
        return jdbc.sql("""
                        select quantity_available from inventory.stock
                        where product_id = :product and variant_id is not distinct from :variant
                        order by stock_id for update""")
                .param("product", counter.productId()).param("variant", counter.variantId())
                .query(Integer.class).list().stream().mapToInt(Integer::intValue).sum();
    }

    /** Units available per product (and variant) over all warehouses, unlocked: a first, approximate look. */
    List<CounterLevel> counterLevels() {
        return jdbc.sql("""
                        select product_id, variant_id, sum(quantity_available) as available
                        from inventory.stock group by product_id, variant_id order by product_id, variant_id""")
                .query((rs, n) -> new CounterLevel(new CounterKey(rs.getString("product_id"), rs.getString("variant_id")),
                        rs.getLong("available")))
                .list();
    }

    /** What one gate counter should be, as PostgreSQL holds it. */
    record CounterLevel(CounterKey counter, long available) {
    }

    List<Row> rowsOf(String productId) {
        return jdbc.sql("""
                        select s.stock_id, s.product_id, s.variant_id, s.warehouse_id, s.quantity_total, s.quantity_reserved,
                               s.quantity_available, s.low_stock_threshold
                        from inventory.stock s join inventory.warehouses w using (warehouse_id)
                        where s.product_id = :product order by s.variant_id nulls first, w.priority, s.warehouse_id""")
                .param("product", productId).query(Stock::row).list();
    }

    static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getLong("stock_id"), rs.getString("product_id"), rs.getString("variant_id"),
                rs.getString("warehouse_id"), rs.getInt("quantity_total"), rs.getInt("quantity_reserved"),
                rs.getInt("quantity_available"), rs.getInt("low_stock_threshold"));
    }

    /**
     * The order in which stock rows are locked, by everyone who locks more than one product's rows in a transaction
     * (allocations, releases, reconciliation): by product and variant, then by stock id. One order means no deadlocks.
     */
    static final Comparator<CounterKey> LOCK_ORDER = Comparator.comparing(CounterKey::productId)
            .thenComparing(counter -> String.valueOf(counter.variantId()));

    /** The same product and variant asked for twice is one line; lines in lock order. */
    static List<StockLine> merged(List<StockLine> requested) {
        Map<String, StockLine> merged = new LinkedHashMap<>();
        requested.stream()
                .sorted(Comparator.comparing((StockLine line) -> CounterKey.of(line), LOCK_ORDER))
                .forEach(line -> merged.merge(line.productId() + "\u0000" + line.variantId(), line,
                        (a, b) -> new StockLine(a.productId(), a.variantId(), a.quantity() + b.quantity())));
        return List.copyOf(merged.values());
    }

    private static List<Reservation.Line> sorted(List<Reservation.Line> lines) {
        return lines.stream()
                .sorted(Comparator.comparing((Reservation.Line line) -> CounterKey.of(line), LOCK_ORDER)
                        .thenComparingLong(Reservation.Line::stockId))
                .toList();
    }
}
