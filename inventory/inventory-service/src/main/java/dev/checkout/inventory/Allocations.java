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

import static dev.checkout.inventory.Stock.ROW_COLUMNS;
import static dev.checkout.inventory.Stock.row;

/**
 * Taking stock for a reservation: the statements that move units from available to reserved on the stock rows and
 * record, in the same statement or right after it, the reservation's line for what they took. Every take is a
 * conditional update the database checks against its constraints, so no interleaving of callers can reserve more
 * than is there.
 */
@Repository
class Allocations {

    private final JdbcClient jdbc;

    /** The warehouse a line is taken from first: the highest priority one with units of the product (and variant). */
    private static final String PREFERRED_WAREHOUSE = """
            select s.stock_id from inventory.stock s join inventory.warehouses w using (warehouse_id)
            where s.product_id = :product and s.variant_id is not distinct from :variant and s.quantity_available > 0
            order by w.priority, s.warehouse_id limit 1""";

    Allocations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What {@link #allocate} did: the lines held (or, if any requested line was short, nothing held and the lines that
     * were short), and the stock rows of every product whose rows the allocation saw in full after its change, for
     * announcing the new levels without reading them again.
     */
    record Allocation(List<Reservation.Line> lines, List<Reservation.Shortfall> shortfalls, Map<String, List<Stock.Row>> productRows) {
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
     * are always locked product by product in {@link Stock#LOCK_ORDER}, and by stock id within a product.
     */
    Allocation allocate(String reservationId, Collection<StockLine> requested) {
        List<Reservation.Line> held = new ArrayList<>();
        List<Reservation.Shortfall> shortfalls = new ArrayList<>();
        Map<String, List<Stock.Row>> productRows = new LinkedHashMap<>();
        for (StockLine line : Stock.merged(List.copyOf(requested))) {
            Optional<Taken> taken = takeFromPreferredWarehouse(reservationId, line);
            if (taken.isPresent()) {
                Stock.Row row = taken.get().row();
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
    private record Taken(Stock.Row row, int rowsOfProduct) {
    }

    /** What {@link #recordAndTake} did. */
    sealed interface NewReservation {
        /** The owner has a reservation already; nothing was done. */
        record OwnerKnown() implements NewReservation {
        }

        /** The reservation is recorded and the line taken from the preferred warehouse. */
        record Taken(Reservation.Line line, Optional<Stock.Row> onlyRowOfProduct) implements NewReservation {
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
                            returning\s""" + ROW_COLUMNS + """
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
                    Stock.Row row = row(rs, n);
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
                            returning\s""" + ROW_COLUMNS + """
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
        List<Stock.Row> rows = jdbc.sql("""
                        select s.stock_id, s.product_id, s.variant_id, s.warehouse_id, s.quantity_total, s.quantity_reserved,
                               s.quantity_available, s.low_stock_threshold, w.priority
                        from inventory.stock s join inventory.warehouses w using (warehouse_id)
                        where s.product_id = :product and s.variant_id is not distinct from :variant
                        order by s.stock_id
                        for update of s""")
                .param("product", line.productId()).param("variant", line.variantId())
                .query((rs, n) -> new Object[] {row(rs, n), rs.getInt("priority")}).list().stream()
                .sorted(Comparator.<Object[]>comparingInt(r -> (Integer) r[1]).thenComparing(r -> ((Stock.Row) r[0]).warehouseId()))
                .map(r -> (Stock.Row) r[0]).toList();
        int available = rows.stream().mapToInt(Stock.Row::available).sum();
        if (available < line.quantity()) {
            shortfalls.add(new Reservation.Shortfall(line.productId(), line.variantId(), line.quantity(), Math.max(available, 0)));
            return;
        }
        int needed = line.quantity();
        for (Stock.Row row : rows) {
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
}
