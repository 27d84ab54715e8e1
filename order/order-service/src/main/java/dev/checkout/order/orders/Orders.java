package dev.checkout.order.orders;

import java.math.BigDecimal;
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

/**
 * Orders and their lines in the {@code orders} schema. An order's status history is a JSON array on its row, appended
 * by the statement that changes the status; an order is read with its lines in one query.
 */
@Repository
public class Orders {

    private static final TypeReference<List<StatusChange>> HISTORY = new TypeReference<>() {
    };
    private static final TypeReference<List<LineRow>> LINES = new TypeReference<>() {
    };
    private static final String SELECT = """
            select o.*, (select json_agg(json_build_object('product_id', i.product_id, 'variant_id', i.variant_id, 'name', i.name,
                                'quantity', i.quantity, 'unit_price', i.unit_price) order by i.line_number)
                         from orders.order_items i where i.order_id = o.order_id) as lines
            from orders.orders o where o.order_id = :id""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Orders(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A status change as the order's history keeps it ({@code from} is null for the first). */
    public record StatusChange(String from, String to, String reason, Instant at) {
    }

    private record LineRow(String productId, String variantId, String name, int quantity, BigDecimal unitPrice) {
    }

    /** Inserts the order and all its lines: two statements whatever the number of lines. */
    void insert(Order order, List<StatusChange> history) {
        Order.Totals totals = order.totals();
        jdbc.sql("""
                        insert into orders.orders (order_id, order_number, user_id, customer_email, cart_id, checkout_id, status, payment_status,
                            subtotal, discount_amount, tax_amount, shipping_amount, total_amount, currency, shipping_address,
                            payment_method_type, created_at, updated_at, status_history)
                        values (:id, :number, :user, :email, :cart, :checkout, :status, :paymentStatus, :subtotal, :discount, :tax, :shipping,
                            :total, :currency, :address::jsonb, :method, :created, :updated, :history::jsonb)""")
                .param("id", order.orderId()).param("number", order.orderNumber()).param("user", order.userId())
                .param("email", order.customerEmail()).param("cart", order.cartId()).param("checkout", order.checkoutId()).param("status", order.status().name())
                .param("paymentStatus", order.paymentStatus().name()).param("subtotal", totals.subtotal())
                .param("discount", totals.discount()).param("tax", totals.tax()).param("shipping", totals.shipping())
                .param("total", totals.total()).param("currency", totals.currency())
                .param("address", order.shippingAddress() == null ? null : json.writeValueAsString(order.shippingAddress()))
                .param("method", order.paymentMethodType())
                .param("created", Timestamp.from(order.createdAt())).param("updated", Timestamp.from(order.updatedAt()))
                .param("history", json.writeValueAsString(history))
                .update();
        List<Order.Line> lines = order.lines();
        jdbc.sql("""
                        insert into orders.order_items (order_id, line_number, product_id, variant_id, name, quantity, unit_price, total_price)
                        select :order, line.number, line.product, line.variant, line.name, line.quantity, line.price, line.price * line.quantity
                        from unnest(:products::text[], :variants::text[], :names::text[], :quantities::int[], :prices::numeric[])
                             with ordinality as line(product, variant, name, quantity, price, number)""")
                .param("order", order.orderId())
                .param("products", lines.stream().map(Order.Line::productId).toArray(String[]::new))
                .param("variants", lines.stream().map(Order.Line::variantId).toArray(String[]::new))
                .param("names", lines.stream().map(Order.Line::name).toArray(String[]::new))
                .param("quantities", lines.stream().map(Order.Line::quantity).toArray(Integer[]::new))
                .param("prices", lines.stream().map(Order.Line::unitPrice).toArray(BigDecimal[]::new))
                .update();
    }

    /** Saves what may change on an order, appending {@code history} to its status history. */
    void update(Order order, List<StatusChange> history) {
        jdbc.sql("""
                        update orders.orders set status = :status, payment_status = :paymentStatus, payment_id = :payment,
                            transaction_id = :transaction, failure_reason = :failure, tracking_number = :tracking, updated_at = :updated,
                            status_history = status_history || :history::jsonb
                        where order_id = :id""")
                .param("status", order.status().name()).param("paymentStatus", order.paymentStatus().name())
                .param("payment", order.paymentId()).param("transaction", order.transactionId())
                .param("failure", order.failureReason()).param("tracking", order.trackingNumber())
                .param("updated", Timestamp.from(order.updatedAt())).param("id", order.orderId())
                .param("history", json.writeValueAsString(history))
                .update();
    }

    public Optional<Order> find(String orderId) {
        return jdbc.sql(SELECT).param("id", orderId).query(this::map).optional();
    }

    /** The orders with these ids (those that exist), each with its lines. */
    List<Order> findAll(List<String> orderIds) {
        return jdbc.sql(SELECT.replace("where o.order_id = :id", "where o.order_id = any(:ids)"))
                .param("ids", orderIds.toArray(String[]::new)).query(this::map).list();
    }

    public Optional<Order> lock(String orderId) {
        return jdbc.sql(SELECT + " for update of o").param("id", orderId).query(this::map).optional();
    }

    /** Where an order stands, from its row alone: what {@code GET /orders/{id}/status} answers. */
    record Standing(String orderId, String userId, OrderStatus status, String failureReason, Instant statusChangedAt) {
    }

    Optional<Standing> standing(String orderId) {
        return jdbc.sql("""
                        select order_id, user_id, status, failure_reason, (status_history -> -1 ->> 'at') as changed_at, updated_at
                        from orders.orders where order_id = :id""")
                .param("id", orderId)
                .query((rs, n) -> new Standing(rs.getString("order_id"), rs.getString("user_id"), OrderStatus.valueOf(rs.getString("status")),
                        rs.getString("failure_reason"), rs.getString("changed_at") != null ? Instant.parse(rs.getString("changed_at"))
                                : rs.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    record Summary(String orderId, String orderNumber, String status, BigDecimal totalAmount, String currency, int itemCount,
                   Instant createdAt) {
    }

    List<Summary> list(String userId, String status, int limit, long offset) {
        return jdbc.sql("""
                        select o.order_id, o.order_number, o.status, o.total_amount, o.currency, o.created_at,
                               (select coalesce(sum(quantity), 0) from orders.order_items i where i.order_id = o.order_id) as item_count
                        from orders.orders o
                        where (:user::text is null or o.user_id = :user) and (:status::text is null or o.status = :status)
                        order by o.created_at desc, o.order_id desc limit :limit offset :offset""")
                .param("user", userId).param("status", status).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Summary(rs.getString("order_id"), rs.getString("order_number"), rs.getString("status"),
                        rs.getBigDecimal("total_amount"), rs.getString("currency"), rs.getInt("item_count"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    long count(String userId, String status) {
        return jdbc.sql("select count(*) from orders.orders where (:user::text is null or user_id = :user) and (:status::text is null or status = :status)")
                .param("user", userId).param("status", status).query(Long.class).single();
    }

    public List<StatusChange> history(String orderId) {
        return jdbc.sql("select status_history from orders.orders where order_id = :id").param("id", orderId)
                .query(String.class).optional().map(history -> json.readValue(history, HISTORY)).orElse(List.of());
    }

    private Order map(ResultSet rs, int row) throws SQLException {
        String address = rs.getString("shipping_address");
        String lines = rs.getString("lines");
        return new Order(rs.getString("order_id"), rs.getString("order_number"), rs.getString("user_id"), rs.getString("customer_email"),
                rs.getString("cart_id"), rs.getString("checkout_id"),
                lines == null ? List.of() : json.readValue(lines, LINES).stream()
                        .map(l -> new Order.Line(l.productId(), l.variantId(), l.name(), l.quantity(), l.unitPrice())).toList(),
                new Order.Totals(rs.getBigDecimal("subtotal"), rs.getBigDecimal("discount_amount"), rs.getBigDecimal("tax_amount"),
                        rs.getBigDecimal("shipping_amount"), rs.getBigDecimal("total_amount"), rs.getString("currency")),
                address == null ? null : json.readValue(address, Address.class), rs.getString("payment_method_type"),
                rs.getTimestamp("created_at").toInstant(), OrderStatus.valueOf(rs.getString("status")),
                PaymentStatus.valueOf(rs.getString("payment_status")),
                rs.getString("payment_id"), rs.getString("transaction_id"), rs.getString("failure_reason"),
                rs.getString("tracking_number"), rs.getTimestamp("updated_at").toInstant());
    }
}
