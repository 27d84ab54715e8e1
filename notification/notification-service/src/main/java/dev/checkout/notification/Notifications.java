package dev.checkout.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.core.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Sends a notification of a kind for an order once, and records it; a repeat returns the first one's id. */
@Service
class Notifications {

    private static final Map<String, String> TEMPLATES = Map.of(
            "order_confirmed", "Your order %s is confirmed. Thank you!",
            "order_failed", "We could not complete your order %s: %s. Nothing was charged, or it was refunded.",
            "order_cancelled", "Your order %s was cancelled; any payment is refunded.");

    private final JdbcClient jdbc;
    private final Channel channel;

    Notifications(JdbcClient jdbc, Channel channel) {
        this.jdbc = jdbc;
        this.channel = channel;
    }

    record Sent(String notificationId, String orderId, String userId, String kind, String channel, String recipient, String body,
                String status, Instant createdAt) {
    }

    String send(String orderId, String userId, String kind, Map<String, Object> data) {
        var existing = jdbc.sql("select notification_id from notification.notifications where order_id = :order and kind = :kind")
                .param("order", orderId).param("kind", kind).query(String.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        String reference = String.valueOf(data.getOrDefault("order_number", orderId));
        String body = TEMPLATES.getOrDefault(kind, "News about your order %s.").formatted(reference, data.getOrDefault("reason", ""));
        String recipient = "user:" + userId;
        channel.deliver(recipient, body);
        String id = Ids.newId("ntf");
        jdbc.sql("""
                        insert into notification.notifications (notification_id, order_id, user_id, kind, channel, recipient, body, status)
                        values (:id, :order, :user, :kind, :channel, :recipient, :body, 'SENT') on conflict (order_id, kind) do nothing""")
                .param("id", id).param("order", orderId).param("user", userId).param("kind", kind)
                .param("channel", channel.name()).param("recipient", recipient).param("body", body)
                .update();
        return id;
    }

    List<Sent> ofOrder(String orderId) {
        return jdbc.sql("select * from notification.notifications where (:order::text is null or order_id = :order) order by created_at desc limit 200")
                .param("order", orderId)
                .query((rs, n) -> new Sent(rs.getString("notification_id"), rs.getString("order_id"), rs.getString("user_id"),
                        rs.getString("kind"), rs.getString("channel"), rs.getString("recipient"), rs.getString("body"),
                        rs.getString("status"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
