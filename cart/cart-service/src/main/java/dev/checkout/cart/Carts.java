package dev.checkout.cart;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The durable copy of carts, in the {@code cart} schema: the record every other copy is rebuilt from. */
@Repository
class Carts {

    private static final TypeReference<List<CartItem>> ITEMS = new TypeReference<>() {
    };
    private static final String CURRENT = "status in ('ACTIVE', 'CHECKED_OUT')";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Carts(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Cart> find(String cartId) {
        return jdbc.sql("select * from cart.carts where cart_id = :id").param("id", cartId).query(this::map).optional();
    }

    /** Locks the cart's row for the rest of the transaction. */
    Optional<Cart> lock(String cartId) {
        return jdbc.sql("select * from cart.carts where cart_id = :id for update").param("id", cartId).query(this::map).optional();
    }

    /** The user's ACTIVE or CHECKED_OUT cart: at most one, by a unique index. */
    Optional<Cart> currentOf(String userId) {
        return jdbc.sql("select * from cart.carts where user_id = :user and " + CURRENT).param("user", userId)
                .query(this::map).optional();
    }

    /**
     * Inserts a new cart as version 1. For a user who already has a current cart the unique index refuses it and
     * nothing is inserted.
     *
     * @return whether the cart was inserted
     */
    boolean insert(Cart cart) {
        int inserted = jdbc.sql("""
                        insert into cart.carts (cart_id, user_id, status, currency, items, version, created_at, updated_at)
                        values (:id, :user, :status, :currency, :items::jsonb, 1, :created, :updated)
                        on conflict do nothing""")
                .param("id", cart.cartId()).param("user", cart.userId()).param("status", cart.status().name())
                .param("currency", cart.currency()).param("items", json.writeValueAsString(cart.items()))
                .param("created", Timestamp.from(cart.createdAt())).param("updated", Timestamp.from(cart.updatedAt()))
                .update();
        if (inserted == 1) {
            cart.saved(1);
        }
        return inserted == 1;
    }

    /**
     * Saves the cart over the version it was read at, and nothing if someone saved another change since.
     *
     * @return whether it was saved (the cart then carries its new version)
     */
    boolean update(Cart cart) {
        int updated = jdbc.sql("""
                        update cart.carts set status = :status, currency = :currency, items = :items::jsonb,
                            holder_id = :holder, order_id = :order, merged_into = :mergedInto, checkout = :checkout,
                            version = version + 1, updated_at = :updated
                        where cart_id = :id and version = :version""")
                .param("status", cart.status().name()).param("currency", cart.currency())
                .param("items", json.writeValueAsString(cart.items()))
                .param("holder", cart.holderId()).param("order", cart.orderId()).param("mergedInto", cart.mergedInto())
                .param("checkout", cart.checkoutAnswer())
                .param("updated", Timestamp.from(cart.updatedAt()))
                .param("id", cart.cartId()).param("version", cart.version())
                .update();
        if (updated == 1) {
            cart.saved(cart.version() + 1);
        }
        return updated == 1;
    }

    /** Locks guest carts left ACTIVE and unchanged since {@code before}, skipping those another instance holds. */
    List<Cart> lockIdleGuestCarts(Instant before, int limit) {
        return jdbc.sql("""
                        select * from cart.carts where user_id is null and status = 'ACTIVE' and updated_at < :before
                        order by updated_at limit :limit for update skip locked""")
                .param("before", Timestamp.from(before)).param("limit", limit).query(this::map).list();
    }

    /** CHECKED_OUT carts unchanged since {@code before}, oldest first, unlocked (their holders are asked about first). */
    List<Cart> heldSince(Instant before, int limit) {
        return jdbc.sql("""
                        select * from cart.carts where status = 'CHECKED_OUT' and updated_at < :before
                        order by updated_at limit :limit""")
                .param("before", Timestamp.from(before)).param("limit", limit).query(this::map).list();
    }

    /** Locks users' ACTIVE carts with items, unchanged since {@code before} and never reminded of. */
    List<Cart> lockAbandonedCarts(Instant before, int limit) {
        return jdbc.sql("""
                        select * from cart.carts where user_id is not null and status = 'ACTIVE' and reminded_at is null
                            and updated_at < :before and jsonb_array_length(items) > 0
                        order by updated_at limit :limit for update skip locked""")
                .param("before", Timestamp.from(before)).param("limit", limit).query(this::map).list();
    }

    void markReminded(String cartId, Instant at) {
        jdbc.sql("update cart.carts set reminded_at = :at where cart_id = :id")
                .param("at", Timestamp.from(at)).param("id", cartId).update();
    }

    private Cart map(ResultSet rs, int row) throws SQLException {
        return new Cart(rs.getString("cart_id"), rs.getString("user_id"), CartStatus.valueOf(rs.getString("status")),
                rs.getString("currency"), json.readValue(rs.getString("items"), ITEMS), rs.getString("holder_id"),
                rs.getString("order_id"), rs.getString("merged_into"), rs.getString("checkout"), rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
