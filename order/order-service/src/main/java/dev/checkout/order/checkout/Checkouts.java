package dev.checkout.order.checkout;

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
import dev.checkout.order.orders.Address;
import dev.checkout.order.orders.Order;

/** Checkouts in the {@code orders} schema. */
@Repository
public class Checkouts {

    private static final TypeReference<List<Checkout.PriceChange>> PRICE_CHANGES = new TypeReference<>() {
    };
    private static final TypeReference<List<Checkout.Warning>> WARNINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<Checkout.ShortItem>> SHORT_ITEMS = new TypeReference<>() {
    };
    private static final TypeReference<List<LineRow>> LINES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Checkouts(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record LineRow(String productId, String variantId, String name, int quantity, java.math.BigDecimal unitPrice) {
    }

    /** Adds the checkout unless its cart already has an open one; returns whether it was added. */
    public boolean addUnlessCartHasOneOpen(Checkout checkout) {
        Order.Totals t = checkout.totals();
        return jdbc.sql("""
                        insert into orders.checkouts (checkout_id, user_id, cart_id, status, lines, subtotal, discount_amount, tax_amount,
                            shipping_amount, total_amount, currency, shipping_address, price_changes, warnings, expires_at, created_at,
                            life_once_reserved_ms, notice_once_reserved_ms)
                        values (:id, :user, :cart, :status, :lines::jsonb, :subtotal, :discount, :tax, :shipping, :total, :currency,
                            :address::jsonb, :changes::jsonb, :warnings::jsonb, :expires, :created, :life, :notice)
                        on conflict (cart_id) where status in ('RESERVING', 'RESERVED') do nothing""")
                .param("id", checkout.checkoutId()).param("user", checkout.userId()).param("cart", checkout.cartId())
                .param("status", checkout.status().name())
                .param("lines", json.writeValueAsString(checkout.lines().stream()
                        .map(l -> new LineRow(l.productId(), l.variantId(), l.name(), l.quantity(), l.unitPrice())).toList()))
                .param("subtotal", t.subtotal()).param("discount", t.discount()).param("tax", t.tax()).param("shipping", t.shipping())
                .param("total", t.total()).param("currency", t.currency())
                .param("address", json.writeValueAsString(checkout.shippingAddress()))
                .param("changes", json.writeValueAsString(checkout.priceChanges()))
                .param("warnings", json.writeValueAsString(checkout.warnings()))
                .param("expires", Timestamp.from(checkout.expiresAt())).param("created", Timestamp.from(checkout.createdAt()))
                .param("life", checkout.lifeOnceReserved() == null ? null : checkout.lifeOnceReserved().toMillis())
                .param("notice", checkout.noticeOnceReserved() == null ? null : checkout.noticeOnceReserved().toMillis())
                .update() == 1;
    }

    public void update(Checkout checkout) {
        jdbc.sql("""
                        update orders.checkouts set status = :status, failed_items = :failed::jsonb, order_id = :order, expires_at = :expires,
                            stock_releasing = :releasing, updated_at = now()
                        where checkout_id = :id""")
                .param("status", checkout.status().name()).param("releasing", checkout.isStockReleasing())
                .param("failed", checkout.failedItems() == null ? null : json.writeValueAsString(checkout.failedItems()))
                .param("order", checkout.orderId()).param("expires", Timestamp.from(checkout.expiresAt())).param("id", checkout.checkoutId())
                .update();
    }

    /**
     * Saves a hold's expiry cut short by {@link Checkout#tokenSeen}, without a lock: only a later expiry of a hold still
     * reserved is replaced, so looks racing one another, or a purchase or expiry that holds the row, keep their
     * outcome.
     */
    public void shortenExpiry(Checkout hold) {
        jdbc.sql("""
                        update orders.checkouts set expires_at = :expires, updated_at = now()
                        where checkout_id = :id and status = 'RESERVED' and expires_at > :expires""")
                .param("expires", Timestamp.from(hold.expiresAt())).param("id", hold.checkoutId())
                .update();
    }

    public Optional<Checkout> find(String checkoutId) {
        return jdbc.sql("select * from orders.checkouts where checkout_id = :id").param("id", checkoutId).query(this::map).optional();
    }

    public List<Checkout> findAll(List<String> checkoutIds) {
        return jdbc.sql("select * from orders.checkouts where checkout_id = any(:ids)")
                .param("ids", checkoutIds.toArray(String[]::new)).query(this::map).list();
    }

    public Optional<Checkout> lock(String checkoutId) {
        return jdbc.sql("select * from orders.checkouts where checkout_id = :id for update").param("id", checkoutId).query(this::map).optional();
    }

    Optional<Checkout> openForCart(String cartId) {
        return jdbc.sql("select * from orders.checkouts where cart_id = :cart and status in ('RESERVING', 'RESERVED')")
                .param("cart", cartId).query(this::map).optional();
    }

    /** Open checkouts past their time, locked, skipping those another instance is expiring. */
    List<Checkout> lockExpired(Instant now, int limit) {
        return jdbc.sql("""
                        select * from orders.checkouts where status in ('RESERVING', 'RESERVED') and expires_at <= :now
                        order by expires_at limit :limit for update skip locked""")
                .param("now", Timestamp.from(now)).param("limit", limit).query(this::map).list();
    }

    private static java.time.Duration millis(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : java.time.Duration.ofMillis(millis);
    }

    private Checkout map(ResultSet rs, int row) throws SQLException {
        List<Order.Line> lines = json.readValue(rs.getString("lines"), LINES).stream()
                .map(l -> new Order.Line(l.productId(), l.variantId(), l.name(), l.quantity(), l.unitPrice())).toList();
        String failed = rs.getString("failed_items");
        return new Checkout(rs.getString("checkout_id"), rs.getString("user_id"), rs.getString("cart_id"), lines,
                new Order.Totals(rs.getBigDecimal("subtotal"), rs.getBigDecimal("discount_amount"), rs.getBigDecimal("tax_amount"),
                        rs.getBigDecimal("shipping_amount"), rs.getBigDecimal("total_amount"), rs.getString("currency")),
                json.readValue(rs.getString("shipping_address"), Address.class), json.readValue(rs.getString("price_changes"), PRICE_CHANGES),
                json.readValue(rs.getString("warnings"), WARNINGS), rs.getTimestamp("expires_at").toInstant(),
                rs.getTimestamp("created_at").toInstant(), millis(rs, "life_once_reserved_ms"), millis(rs, "notice_once_reserved_ms"),
                Checkout.Status.valueOf(rs.getString("status")),
                failed == null ? null : json.readValue(failed, SHORT_ITEMS), rs.getString("order_id"),
                rs.getBoolean("stock_releasing"));
    }
}
