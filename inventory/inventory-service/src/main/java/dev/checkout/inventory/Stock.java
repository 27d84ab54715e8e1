package dev.checkout.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.checkout.inventory.api.StockLine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stock rows of the {@code inventory} schema and the only code that changes their quantities. Every change is a
 * single conditional statement the database checks against its constraints, so no interleaving of callers can
 * reserve more than is there or sell what was not reserved.
 */
@Repository
class Stock {

    private final JdbcClient jdbc;

    /** The columns {@link #row} reads. */
    private static final String ROW_COLUMNS =
            "stock_id, product_id, variant_id, warehouse_id, quantity_total, quantity_reserved, quantity_available, low_stock_threshold";

    /** The warehouse a line is taken from first: the highest priority one with units of the product (and variant). */
    private static final String PREFERRED_WAREHOUSE = """
            select s.stock_id from inventory.stock s join inventory.warehouses w using (warehouse_id)
            where s.product_id = :product and s.variant_id is not distinct from :variant and s.quantity_available > 0
            order by w.priority, s.warehouse_id limit 1""";

    Stock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row: a product (and variant) in a warehouse. */
    record Row(long stockId, String productId, String variantId, String warehouseId, int total, int reserved, int available,
               int lowStockThreshold) {
    }

    /**
     * What {@link #allocate} did: the lines held (or, if any requested line was short, nothing held and the lines that
     * were short), and the stock rows of every product whose rows the allocation saw in full after its change, for
     * announcing the new levels without reading them again.
     */
    record Allocation(List<Reservation.Line> lines, List<Reservation.Shortfall> shortfalls, Map<String, List<Row>> productRows) {
        boolean succeeded() {
            return shortfalls.isEmpty();
        }
    }

    /**
     * Holds every requested line for the reservation, from the preferred warehouse first and then the others, and
     * records each line taken; or reports the lines that are short. The caller must roll back what was held so far on
     * a shortfall.
     * <p>
     * A hot product's row is the one lock every buyer queues for, so the common case holds it for one statement: the
     * preferred warehouse with units is chosen from a plain read, and one statement takes the units there (the update
     * re-checks availability on the row it locks) and records the line. When that warehouse cannot cover the line,
     * the line falls back to locking all the product's rows and spreading over warehouses in preference order. Rows
     * are always locked product by product in {@link #LOCK_ORDER}, and by stock id within a product.
     */
    Allocation allocate(String reservationId, Collection<StockLine> requested) {
        List<Reservation.Line> held = new ArrayList<>();
        List<Reservation.Shortfall> shortfalls = new ArrayList<>();
        Map<String, List<Row>> productRows = new LinkedHashMap<>();
        for (StockLine line : merged(List.copyOf(requested))) {
            Optional<Taken> taken = takeFromPreferredWarehouse(reservationId, line);
            if (taken.isPresent()) {
                Row row = taken.get().row();
                held.add(new Reservation.Line(row.stockId(), row.productId(), row.variantId(), row.warehouseId(), line.quantity()));
                if (taken.get().rowsOfProduct() == 1) {
                    productRows.put(row.productId(), List.of(row));
                }
                continue;
            }
            spreadOverWarehouses(reservationId, line, held, shortfalls);
        }
        return new Allocation(shortfalls.isEmpty() ? held : List.of(), shortfalls, shortfalls.isEmpty() ? productRows : Map.of());
    }

    /** A row after units were taken from it, and how many rows its product has. */
    private record Taken(Row row, int rowsOfProduct) {
    }

    /** What {@link #recordAndTake} did. */
    sealed interface NewReservation {
        /** The owner has a reservation already; nothing was done. */
        record OwnerKnown() implements NewReservation {
        }

        /** The reservation is recorded and the line taken from the preferred warehouse. */
        record Taken(Reservation.Line line, Optional<Row> onlyRowOfProduct) implements NewReservation {
        }

        /** The reservation is recorded but the preferred warehouse could not cover the line: nothing taken yet. */
        record NotTaken() implements NewReservation {
        }
    }

    /**
     * The hot path of a one-line reservation, in one statement: takes the owner's lock (see
     * {@link Reservations#lockOwner}; the insert draws its row from it, so it is taken first), records the reservation
     * unless the owner has one, takes the units from the preferred warehouse with units (the update re-checks
     * availability on the row it locks), records the line and marks the product for announcing. A flash sale's buyers
     * all queue for that one row, and this holds its lock for as little as a statement can.
     */
    NewReservation recordAndTake(String reservationId, String ownerId, java.time.Instant expiresAt, StockLine line) {
        return jdbc.sql("""
                        with owner_locked as (
                            select pg_advisory_xact_lock(:space, hashtext(:owner))),
                        recorded as (
                            insert into inventory.reservations (reservation_id, owner_id, status, expires_at)
                            select :reservation, :owner, 'PENDING', :expires from owner_locked
                            on conflict (owner_id) do nothing
                            returning reservation_id),
                        preferred as (""" + PREFERRED_WAREHOUSE + """
                        ),
                        taken as (
                            update inventory.stock set quantity_reserved = quantity_reserved + :q, version = version + 1, updated_at = now()
                            where stock_id = (select stock_id from preferred) and quantity_total - quantity_reserved >= :q
                              and exists (select 1 from recorded)
                            returning """ + ROW_COLUMNS + """
                        ),
                        line as (
                            insert into inventory.reservation_lines (reservation_id, stock_id, product_id, variant_id, warehouse_id, quantity)
                            select :reservation, stock_id, product_id, variant_id, warehouse_id, :q from taken),
                        marked as (
                            insert into inventory.stock_changes (product_id) select product_id from taken)
                        select (select count(*) from recorded) as recorded, taken.*,
                               (select count(*) from inventory.stock where product_id = :product) as rows_of_product
                        from (select 1) as one left join taken on true""")
                .param("space", Reservations.OWNER_LOCKS)
                .param("reservation", reservationId).param("owner", ownerId).param("expires", java.sql.Timestamp.from(expiresAt))
                .param("product", line.productId()).param("variant", line.variantId()).param("q", line.quantity())
                .query((rs, n) -> {
                    if (rs.getInt("recorded") == 0) {
                        return (NewReservation) new NewReservation.OwnerKnown();
                    }
                    if (rs.getObject("stock_id") == null) {
                        return new NewReservation.NotTaken();
                    }
                    Row row = row(rs, n);
                    return new NewReservation.Taken(
                            new Reservation.Line(row.stockId(), row.productId(), row.variantId(), row.warehouseId(), line.quantity()),
                            rs.getInt("rows_of_product") == 1 ? Optional.of(row) : Optional.empty());
                }).single();
    }

    /**
     * Takes a line over the product's warehouses in preference order, locking all its rows, and records what it took
     * for the reservation (already recorded); false, with nothing changed, when they do not hold enough together.
     */
    boolean spread(String reservationId, StockLine line, List<Reservation.Line> held, List<Reservation.Shortfall> shortfalls) {
        int before = shortfalls.size();
        spreadOverWarehouses(reservationId, line, held, shortfalls);
        return shortfalls.size() == before;
    }

    private Optional<Taken> takeFromPreferredWarehouse(String reservationId, StockLine line) {
        return jdbc.sql("""
                        with preferred as (""" + PREFERRED_WAREHOUSE + """
                        ),
                        taken as (
                            update inventory.stock set quantity_reserved = quantity_reserved + :q, version = version + 1, updated_at = now()
                            where stock_id = (select stock_id from preferred) and quantity_total - quantity_reserved >= :q
                            returning """ + ROW_COLUMNS + """
                        ),
                        recorded as (
                            insert into inventory.reservation_lines (reservation_id, stock_id, product_id, variant_id, warehouse_id, quantity)
                            select :reservation, stock_id, product_id, variant_id, warehouse_id, :q from taken)
                        select taken.*, (select count(*) from inventory.stock where product_id = :product) as rows_of_product
                        from taken""")
                .param("product", line.productId()).param("variant", line.variantId()).param("q", line.quantity())
                .param("reservation", reservationId)
                .query((rs, n) -> new Taken(row(rs, n), rs.getInt("rows_of_product"))).optional();
    }

    private void spreadOverWarehouses(String reservationId, StockLine line, List<Reservation.Line> held,
                                      List<Reservation.Shortfall> shortfalls) {
        List<Row> rows = jdbc.sql("""
                        select s.stock_id, s.product_id, s.variant_id, s.warehouse_id, s.quantity_total, s.quantity_reserved,
                               s.quantity_available, s.low_stock_threshold, w.priority
                        from inventory.stock s join inventory.warehouses w using (warehouse_id)
                        where s.product_id = :product and s.variant_id is not distinct from :variant
                        order by s.stock_id
                        for update of s""")
                .param("product", line.productId()).param("variant", line.variantId())
                .query((rs, n) -> new Object[] {row(rs, n), rs.getInt("priority")}).list().stream()
                .sorted(Comparator.<Object[]>comparingInt(r -> (Integer) r[1]).thenComparing(r -> ((Row) r[0]).warehouseId()))
                .map(r -> (Row) r[0]).toList();
        int available = rows.stream().mapToInt(Row::available).sum();
        if (available < line.quantity()) {
            shortfalls.add(new Reservation.Shortfall(line.productId(), line.variantId(), line.quantity(), Math.max(available, 0)));
            return;
        }
        int needed = line.quantity();
        for (Row row : rows) {
            int take = Math.min(needed, row.available());
            if (take <= 0) {
                continue;
            }
            int updated = jdbc.sql("""
                            update inventory.stock set quantity_reserved = quantity_reserved + :q, version = version + 1, updated_at = now()
                            where stock_id = :id and quantity_total - quantity_reserved >= :q""")
                    .param("q", take).param("id", row.stockId()).update();
            if (updated != 1) {
                throw new IllegalStateException("stock row " + row.stockId() + " changed while locked");
            }
            jdbc.sql("""
                            insert into inventory.reservation_lines (reservation_id, stock_id, product_id, variant_id, warehouse_id, quantity)
                            values (:reservation, :stock, :product, :variant, :warehouse, :q)""")
                    .param("reservation", reservationId).param("stock", row.stockId()).param("product", row.productId())
                    .param("variant", row.variantId()).param("warehouse", row.warehouseId()).param("q", take).update();
            held.add(new Reservation.Line(row.stockId(), row.productId(), row.variantId(), row.warehouseId(), take));
            needed -= take;
            if (needed == 0) {
                return;
            }
        }
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

    /** The stock row of one place, locked for the transaction; empty when the place has no row yet. */
    Optional<Row> lockPlace(String productId, String variantId, String warehouseId) {
        return jdbc.sql("""
                        select """ + ROW_COLUMNS + """
                        from inventory.stock
                        where product_id = :product and variant_id is not distinct from :variant and warehouse_id = :warehouse
                        for update""")
                .param("product", productId).param("variant", variantId).param("warehouse", warehouseId)
                .query(Stock::row).optional();
    }

    /**
     * Notes that the products' stock changed, for the {@link StockAnnouncer} to announce their level: an appended row
     * each, so noting never waits for another writer or for an announcer.
     */
    void markChanged(Collection<String> productIds) {
        List<String> products = productIds.stream().distinct().toList();
        if (!products.isEmpty()) {
            jdbc.sql("insert into inventory.stock_changes (product_id) select unnest(:products::text[])")
                    .param("products", products.toArray(String[]::new)).update();
        }
    }

    /** Noted changes taken by an announcer: how many, and the products they name, each once. */
    record Changes(int taken, Collection<String> products) {
    }

    /** Takes up to {@code limit} noted changes, skipping any another announcer holds. */
    Changes takeChanged(int limit) {
        List<String> products = jdbc.sql("""
                        delete from inventory.stock_changes where id in (
                            select id from inventory.stock_changes order by id limit :limit for update skip locked)
                        returning product_id""")
                .param("limit", limit).query(String.class).list();
        return new Changes(products.size(), new LinkedHashSet<>(products));
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
                        returning """ + ROW_COLUMNS)
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

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
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
