package dev.checkout.order.returns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Returns in the {@code orders} schema. */
@Repository
public class OrderReturns {

    private static final TypeReference<List<OrderReturn.Item>> ITEMS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    OrderReturns(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(OrderReturn orderReturn) {
        jdbc.sql("""
                        insert into orders.order_returns (return_id, order_id, user_id, reason, items, refund_amount, completes_order, status,
                            rejection_reason, created_at, updated_at)
                        values (:id, :order, :user, :reason, :items::jsonb, :refund, :completes, :status, :rejection, :created, :updated)""")
                .param("id", orderReturn.returnId()).param("order", orderReturn.orderId()).param("user", orderReturn.userId())
                .param("reason", orderReturn.reason()).param("items", json.writeValueAsString(orderReturn.items()))
                .param("refund", orderReturn.refundAmount()).param("completes", orderReturn.completesOrder())
                .param("status", orderReturn.status().name()).param("rejection", orderReturn.rejectionReason())
                .param("created", Timestamp.from(orderReturn.createdAt())).param("updated", Timestamp.from(orderReturn.updatedAt()))
                .update();
    }

    void update(OrderReturn orderReturn) {
        jdbc.sql("update orders.order_returns set status = :status, rejection_reason = :rejection, updated_at = :updated where return_id = :id")
                .param("id", orderReturn.returnId()).param("status", orderReturn.status().name())
                .param("rejection", orderReturn.rejectionReason()).param("updated", Timestamp.from(orderReturn.updatedAt())).update();
    }

    Optional<OrderReturn> lock(String returnId) {
        return jdbc.sql("select * from orders.order_returns where return_id = :id for update").param("id", returnId).query(this::map).optional();
    }

    public List<OrderReturn> ofOrder(String orderId) {
        return jdbc.sql("select * from orders.order_returns where order_id = :order order by created_at, return_id")
                .param("order", orderId).query(this::map).list();
    }

    List<OrderReturn> page(String status, int limit, long offset) {
        return jdbc.sql("""
                        select * from orders.order_returns where (cast(:status as text) is null or status = :status)
                        order by created_at desc, return_id limit :limit offset :offset""")
                .param("status", status).param("limit", limit).param("offset", offset).query(this::map).list();
    }

    long count(String status) {
        return jdbc.sql("select count(*) from orders.order_returns where (cast(:status as text) is null or status = :status)")
                .param("status", status).query(Long.class).single();
    }

    private OrderReturn map(ResultSet rs, int row) throws SQLException {
        return new OrderReturn(rs.getString("return_id"), rs.getString("order_id"), rs.getString("user_id"), rs.getString("reason"),
                json.readValue(rs.getString("items"), ITEMS), rs.getBigDecimal("refund_amount"), rs.getBoolean("completes_order"),
                OrderReturn.Status.valueOf(rs.getString("status")), rs.getString("rejection_reason"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
