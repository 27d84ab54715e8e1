package dev.checkout.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Orders, their items and status history in the {@code orders} schema. */
@Repository
class Orders {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Orders(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Order order) {
        Order.Totals totals = order.totals();
        jdbc.sql("""
                        insert into orders.orders (order_id, order_number, user_id, cart_id, checkout_id, status, payment_status,
                            subtotal, discount_amount, tax_amount, shipping_amount, total_amount, currency, shipping_address,
                            payment_method_type, created_at, updated_at)
                        values (:id, :number, :user, :cart, :checkout, :status, :paymentStatus, :subtotal, :discount, :tax, :shipping,
                            :total, :currency, :address::jsonb, :method, :created, :updated)""")
                .param("id", order.orderId()).param("number", order.orderNumber()).param("user", order.userId())
                .param("cart", order.cartId()).param("checkout", order.checkoutId()).param("status", order.status().name())
                .param("paymentStatus", order.paymentStatus()).param("subtotal", totals.subtotal()).param("discount", totals.discount())
                .param("tax", totals.tax()).param("shipping", totals.shipping()).param("total", totals.total())
                .param("currency", totals.currency())
                .param("address", order.shippingAddress() == null ? null : json.writeValueAsString(order.shippingAddress()))
                .param("method", order.paymentMethodType())
                .param("created", Timestamp.from(order.createdAt())).param("updated", Timestamp.from(order.updatedAt()))
                .update();
        int number = 1;
        for (Order.Line line : order.lines()) {
            jdbc.sql("""
                            insert into orders.order_items (order_id, line_number, product_id, variant_id, name, quantity, unit_price, total_price)
                            values (:order, :number, :product, :variant, :name, :quantity, :price, :total)""")
                    .param("order", order.orderId()).param("number", number++).param("product", line.productId())
                    .param("variant", line.variantId()).param("name", line.name()).param("quantity", line.quantity())
                    .param("price", line.unitPrice()).param("total", line.total())
                    .update();
        }
    }

    void update(Order order) {
        jdbc.sql("""
                        update orders.orders set status = :status, payment_status = :paymentStatus, payment_id = :payment,
                            transaction_id = :transaction, failure_reason = :failure, tracking_number = :tracking, updated_at = :updated
                        where order_id = :id""")
                .param("status", order.status().name()).param("paymentStatus", order.paymentStatus())
                .param("payment", order.paymentId()).param("transaction", order.transactionId())
                .param("failure", order.failureReason()).param("tracking", order.trackingNumber())
                .param("updated", Timestamp.from(order.updatedAt())).param("id", order.orderId())
                .update();
    }

    void recordStatusChange(String orderId, OrderStatus from, OrderStatus to, String reason, java.time.Instant at) {
        jdbc.sql("insert into orders.order_status_history (order_id, from_status, to_status, reason, changed_at) values (:order, :from, :to, :reason, :at)")
                .param("order", orderId).param("from", from == null ? null : from.name()).param("to", to.name())
                .param("reason", reason).param("at", Timestamp.from(at)).update();
    }

    Optional<Order> find(String orderId) {
        return load("select * from orders.orders where order_id = :id", orderId);
    }

    Optional<Order> lock(String orderId) {
        return load("select * from orders.orders where order_id = :id for update", orderId);
    }

    private Optional<Order> load(String sql, String orderId) {
        List<Order.Line> lines = jdbc.sql("select * from orders.order_items where order_id = :id order by line_number").param("id", orderId)
                .query((rs, n) -> new Order.Line(rs.getString("product_id"), rs.getString("variant_id"), rs.getString("name"),
                        rs.getInt("quantity"), rs.getBigDecimal("unit_price")))
                .list();
        return jdbc.sql(sql).param("id", orderId).query((rs, n) -> map(rs, lines)).optional();
    }

    record Summary(String orderId, String orderNumber, String status, BigDecimal totalAmount, String currency, int itemCount,
                   java.time.Instant createdAt) {
    }

    List<Summary> list(String userId, String status, int limit, int offset) {
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

    record StatusChange(String from, String to, String reason, java.time.Instant at) {
    }

    List<StatusChange> history(String orderId) {
        return jdbc.sql("select from_status, to_status, reason, changed_at from orders.order_status_history where order_id = :id order by id")
                .param("id", orderId)
                .query((rs, n) -> new StatusChange(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
                .list();
    }

    private Order map(ResultSet rs, List<Order.Line> lines) throws SQLException {
        String address = rs.getString("shipping_address");
        return new Order(rs.getString("order_id"), rs.getString("order_number"), rs.getString("user_id"), rs.getString("cart_id"),
                rs.getString("checkout_id"), lines,
                new Order.Totals(rs.getBigDecimal("subtotal"), rs.getBigDecimal("discount_amount"), rs.getBigDecimal("tax_amount"),
                        rs.getBigDecimal("shipping_amount"), rs.getBigDecimal("total_amount"), rs.getString("currency")),
                address == null ? null : json.readValue(address, MAP), rs.getString("payment_method_type"),
                rs.getTimestamp("created_at").toInstant(), OrderStatus.valueOf(rs.getString("status")), rs.getString("payment_status"),
                rs.getString("payment_id"), rs.getString("transaction_id"), rs.getString("failure_reason"),
                rs.getString("tracking_number"), rs.getTimestamp("updated_at").toInstant());
    }
}
