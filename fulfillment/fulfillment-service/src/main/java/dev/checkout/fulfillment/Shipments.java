package dev.checkout.fulfillment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code fulfillment.shipments} table. */
@Repository
class Shipments {

    private final JdbcClient jdbc;

    Shipments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the order's shipment unless it has one; whether it was added. */
    boolean add(String shipmentId, String orderId, String userId, String pickListId) {
        return jdbc.sql("""
                        insert into fulfillment.shipments (shipment_id, order_id, user_id, pick_list_id) values (?, ?, ?, ?)
                        on conflict (order_id) do nothing""")
                .params(shipmentId, orderId, userId, pickListId).update() == 1;
    }

    Optional<Shipment> lock(String shipmentId) {
        return jdbc.sql("select * from fulfillment.shipments where shipment_id = ? for update").param(shipmentId).query(Shipments::shipment).optional();
    }

    Optional<Shipment> lockOfOrder(String orderId) {
        return jdbc.sql("select * from fulfillment.shipments where order_id = ? for update").param(orderId).query(Shipments::shipment).optional();
    }

    Optional<Shipment> find(String shipmentId) {
        return jdbc.sql("select * from fulfillment.shipments where shipment_id = ?").param(shipmentId).query(Shipments::shipment).optional();
    }

    void shipped(String shipmentId, String carrier, String trackingNumber, Instant at) {
        jdbc.sql("update fulfillment.shipments set status = 'SHIPPED', carrier = ?, tracking_number = ?, shipped_at = ? where shipment_id = ?")
                .params(carrier, trackingNumber, Timestamp.from(at), shipmentId).update();
    }

    void delivered(String shipmentId, Instant at) {
        jdbc.sql("update fulfillment.shipments set status = 'DELIVERED', delivered_at = ? where shipment_id = ?")
                .params(Timestamp.from(at), shipmentId).update();
    }

    void cancelled(String shipmentId, Instant at) {
        jdbc.sql("update fulfillment.shipments set status = 'CANCELLED', cancelled_at = ? where shipment_id = ?")
                .params(Timestamp.from(at), shipmentId).update();
    }

    List<Shipment> page(String status, String orderId, int limit, int offset) {
        return jdbc.sql("""
                        select * from fulfillment.shipments where (:status::text is null or status = :status)
                        and (:order::text is null or order_id = :order) order by created_at desc, shipment_id limit :limit offset :offset""")
                .param("status", status).param("order", orderId).param("limit", limit).param("offset", offset)
                .query(Shipments::shipment).list();
    }

    long count(String status, String orderId) {
        return jdbc.sql("select count(*) from fulfillment.shipments where (:status::text is null or status = :status) and (:order::text is null or order_id = :order)")
                .param("status", status).param("order", orderId).query(Long.class).single();
    }

    private static Shipment shipment(ResultSet rs, int row) throws SQLException {
        return new Shipment(rs.getString("shipment_id"), rs.getString("order_id"), rs.getString("user_id"), Shipment.Status.valueOf(rs.getString("status")),
                rs.getString("carrier"), rs.getString("tracking_number"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("shipped_at")), instant(rs.getTimestamp("delivered_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
