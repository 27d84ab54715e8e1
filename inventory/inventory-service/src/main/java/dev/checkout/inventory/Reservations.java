package dev.checkout.inventory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reservations and their lines in the {@code inventory} schema. Loading one locks it for the transaction. */
@Repository
class Reservations {

    private static final TypeReference<List<Reservation.Shortfall>> SHORTFALLS = new TypeReference<>() {
    };

    /** The first key of the owners' advisory locks ("INV"). */
    static final int OWNER_LOCKS = 0x494E56;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Reservations(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Takes the owner's transaction-scoped advisory lock: reservations for one owner are made one at a time, and while
     * one is in flight reconciliation cannot take its Redis hold for an orphan. The two-key form keeps these locks apart
     * from the single-key advisory locks other parts of the platform take.
     */
    void lockOwner(String ownerId) {
        jdbc.sql("select pg_advisory_xact_lock(:space, hashtext(:owner))").param("space", OWNER_LOCKS).param("owner", ownerId)
                .query((rs, n) -> 1).single();
    }

    /** {@link #lockOwner}, unless another transaction holds it: false then. */
    boolean tryLockOwner(String ownerId) {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:space, hashtext(:owner))")
                .param("space", OWNER_LOCKS).param("owner", ownerId).query(Boolean.class).single());
    }

    /**
     * Which of these reservation ids are on record. A refused attempt leaves no record, so an id missing here holds
     * nothing in PostgreSQL.
     */
    Set<String> recorded(Collection<String> reservationIds) {
        if (reservationIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select reservation_id from inventory.reservations where reservation_id in (:ids)")
                .param("ids", List.copyOf(reservationIds)).query(String.class).list());
    }

    /** Units each stock row of the owner's sale already took back in returns. */
    Map<Long, Integer> returnedItems(String ownerId) {
        Map<Long, Integer> returned = new HashMap<>();
        jdbc.sql("select stock_id, sum(quantity) from inventory.returned_items where owner_id = :owner group by stock_id")
                .param("owner", ownerId).query(rs -> {
                    returned.put(rs.getLong(1), rs.getInt(2));
                });
        return returned;
    }

    /** Units a restock put back, if it was made already. */
    OptionalInt restocked(String restockId) {
        int units = jdbc.sql("select coalesce(sum(quantity), -1) from inventory.returned_items where restock_id = :id")
                .param("id", restockId).query(Integer.class).single();
        return units < 0 ? OptionalInt.empty() : OptionalInt.of(units);
    }

    void recordReturned(String restockId, String ownerId, List<Reservation.Line> lines) {
        for (Reservation.Line line : lines) {
            jdbc.sql("""
                            insert into inventory.returned_items (restock_id, owner_id, stock_id, quantity) values (:id, :owner, :stock, :quantity)
                            on conflict (restock_id, stock_id) do update set quantity = returned_items.quantity + excluded.quantity""")
                    .param("id", restockId).param("owner", ownerId).param("stock", line.stockId()).param("quantity", line.quantity()).update();
        }
    }

    Optional<Reservation> lockByOwner(String ownerId) {
        return jdbc.sql("select * from inventory.reservations where owner_id = :owner for update")
                .param("owner", ownerId).query((rs, n) -> Row.of(rs)).optional().map(this::withLines);
    }

    /**
     * The lines of the owner's reservation, read without locking anything (a reservation's lines never change once it
     * is recorded); empty when the owner has none.
     */
    List<Reservation.Line> linesOf(String ownerId) {
        return jdbc.sql("""
                        select l.* from inventory.reservations r join inventory.reservation_lines l using (reservation_id)
                        where r.owner_id = :owner order by l.stock_id""")
                .param("owner", ownerId).query((rs, n) -> line(rs)).list();
    }

    /** The owner's reservation, locked, unless another transaction holds it: this never waits for a reservation row. */
    Optional<Reservation> lockByOwnerUnlessBusy(String ownerId) {
        return jdbc.sql("select * from inventory.reservations where owner_id = :owner for update skip locked")
                .param("owner", ownerId).query((rs, n) -> Row.of(rs)).optional().map(this::withLines);
    }

    /** Owners of pending reservations made before {@code before}, after {@code afterOwner} in owner order: a page of them. */
    List<String> pendingOwners(Instant before, String afterOwner, int limit) {
        return jdbc.sql("""
                        select owner_id from inventory.reservations
                        where status = 'PENDING' and created_at < :before and owner_id > :after
                        order by owner_id limit :limit""")
                .param("before", Timestamp.from(before)).param("after", afterOwner).param("limit", limit)
                .query(String.class).list();
    }

    /**
     * The lines of up to {@code limit} pending reservations whose time is up at {@code now}, earliest first, read
     * without locking anything: a reservation's lines never change once it is recorded.
     */
    Map<String, List<Reservation.Line>> dueLines(Instant now, int limit) {
        Map<String, List<Reservation.Line>> due = new LinkedHashMap<>();
        jdbc.sql("""
                        select l.reservation_id, l.stock_id, l.product_id, l.variant_id, l.warehouse_id, l.quantity
                        from (select reservation_id, expires_at from inventory.reservations
                              where status = 'PENDING' and expires_at <= :now
                              order by expires_at limit :limit) r
                        join inventory.reservation_lines l using (reservation_id)
                        order by r.expires_at, l.reservation_id, l.stock_id""")
                .param("now", Timestamp.from(now)).param("limit", limit)
                .query(rs -> {
                    due.computeIfAbsent(rs.getString("reservation_id"), id -> new ArrayList<>()).add(line(rs));
                });
        return due;
    }

    /**
     * Those of these reservations that are still pending and due at {@code now}, locked, skipping any another
     * transaction holds: this never waits for a reservation row.
     */
    List<Reservation> lockDue(Collection<String> reservationIds, Instant now) {
        if (reservationIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select * from inventory.reservations
                        where reservation_id in (:ids) and status = 'PENDING' and expires_at <= :now
                        order by expires_at for update skip locked""")
                .param("ids", List.copyOf(reservationIds)).param("now", Timestamp.from(now))
                .query((rs, n) -> Row.of(rs)).list().stream().map(this::withLines).toList();
    }

    /**
     * The reservation of a row read as it was locked, with its lines: a locking read maps the row it locks rather than
     * read it again by id (this runs under the hot stock row's lock in a command batch, once or twice per order).
     */
    private Reservation withLines(Row row) {
        return row.reservation(linesOfReservation(row.reservationId()), json);
    }

    private List<Reservation.Line> linesOfReservation(String reservationId) {
        return jdbc.sql("select * from inventory.reservation_lines where reservation_id = :id order by stock_id")
                .param("id", reservationId)
                .query((rs, n) -> line(rs))
                .list();
    }

    /** A reservation's own row, read before or without its lines. */
    private record Row(String reservationId, String ownerId, String adoptedFrom, String status, Instant expiresAt, String failure) {
        static Row of(java.sql.ResultSet rs) throws java.sql.SQLException {
            return new Row(rs.getString("reservation_id"), rs.getString("owner_id"), rs.getString("adopted_from"),
                    rs.getString("status"), rs.getTimestamp("expires_at").toInstant(), rs.getString("failure"));
        }

        Reservation reservation(List<Reservation.Line> lines, JsonMapper json) {
            return new Reservation(reservationId, ownerId, adoptedFrom, Reservation.Status.valueOf(status), expiresAt, lines,
                    failure == null ? List.of() : json.readValue(failure, SHORTFALLS));
        }
    }

    private static Reservation.Line line(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Reservation.Line(rs.getLong("stock_id"), rs.getString("product_id"), rs.getString("variant_id"),
                rs.getString("warehouse_id"), rs.getInt("quantity"));
    }

    /**
     * Records a reservation being made, before its stock is allocated: the allocation records each line as it takes
     * the units (see {@link Stock#allocate}). Only a held reservation is recorded; a refusal leaves nothing.
     */
    void insertHeld(String reservationId, String ownerId, Instant expiresAt) {
        jdbc.sql("""
                        insert into inventory.reservations (reservation_id, owner_id, status, expires_at)
                        values (:id, :owner, 'PENDING', :expires)""")
                .param("id", reservationId).param("owner", ownerId).param("expires", Timestamp.from(expiresAt))
                .update();
    }

    /** Forgets a reservation recorded in this transaction that could not be made after all (with no line). */
    void delete(String reservationId) {
        jdbc.sql("delete from inventory.reservations where reservation_id = :id").param("id", reservationId).update();
    }

    void update(Reservation reservation) {
        jdbc.sql("""
                        update inventory.reservations set owner_id = :owner, adopted_from = :adopted, status = :status,
                            expires_at = :expires, updated_at = now()
                        where reservation_id = :id""")
                .param("id", reservation.reservationId()).param("owner", reservation.ownerId())
                .param("adopted", reservation.adoptedFrom()).param("status", reservation.status().name())
                .param("expires", Timestamp.from(reservation.expiresAt()))
                .update();
    }
}
