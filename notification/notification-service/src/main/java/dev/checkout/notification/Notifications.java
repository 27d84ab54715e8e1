package dev.checkout.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.core.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code notification.notifications} table: one row per kind and subject (an order, a return, a cart's idle period,
 * a low-stock event), written when the event is handled and completed by the sender. The unique key is what makes a
 * notification go out at most once however often its event arrives.
 */
@Service
class Notifications {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Notifications(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A notification to deliver; {@code recipient} null means the user's e-mail address, looked up when sending. */
    record Wanted(String kind, String subjectId, String orderId, String userId, String recipient, Map<String, Object> data) {
    }

    /** A notification as the admin sees it. */
    record Sent(String notificationId, String orderId, String userId, String kind, String channel, String recipient, String subject,
                String status, int attempts, Instant sentAt, Instant createdAt) {
    }

    /** A notification due for delivery. */
    record Due(String notificationId, String kind, String orderId, String userId, String recipient, Map<String, Object> data, int attempts) {
    }

    /** Queues the notification unless one of its kind and subject exists; whether it was queued. */
    boolean queue(Wanted wanted) {
        return jdbc.sql("""
                        insert into notification.notifications (notification_id, order_id, user_id, kind, subject_id, channel, recipient, data, status)
                        values (:id, :order, :user, :kind, :subject, 'email', :recipient, :data::jsonb, 'RETRYING')
                        on conflict (kind, subject_id) do nothing""")
                .param("id", Ids.newId("ntf")).param("order", wanted.orderId()).param("user", wanted.userId())
                .param("kind", wanted.kind()).param("subject", wanted.subjectId()).param("recipient", wanted.recipient())
                .param("data", json.writeValueAsString(wanted.data())).update() == 1;
    }

    /** Due notifications, locked for the caller's transaction; other senders skip them. */
    List<Due> lockDue(int limit) {
        return jdbc.sql("""
                        select notification_id, kind, order_id, user_id, recipient, data::text as data, attempts from notification.notifications
                        where status = 'RETRYING' and next_attempt_at <= now() order by next_attempt_at limit ? for update skip locked""")
                .param(limit)
                .query((rs, n) -> new Due(rs.getString("notification_id"), rs.getString("kind"), rs.getString("order_id"),
                        rs.getString("user_id"), rs.getString("recipient"), data(rs.getString("data")), rs.getInt("attempts")))
                .list();
    }

    void sent(String notificationId, String recipient, String subject, String body) {
        jdbc.sql("""
                        update notification.notifications set status = 'SENT', recipient = ?, subject = ?, body = ?, attempts = attempts + 1,
                            sent_at = now(), last_error = null where notification_id = ?""")
                .params(recipient, subject, body, notificationId).update();
    }

    void failedAttempt(String notificationId, String error, Instant nextAttemptAt, boolean givenUp) {
        jdbc.sql("""
                        update notification.notifications set attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
                            status = case when ? then 'FAILED' else 'RETRYING' end where notification_id = ?""")
                .params(error, Timestamp.from(nextAttemptAt), givenUp, notificationId).update();
    }

    List<Sent> find(String orderId, String userId) {
        return jdbc.sql("""
                        select * from notification.notifications
                        where (:order::text is null or order_id = :order) and (:user::text is null or user_id = :user)
                        order by created_at desc limit 200""")
                .param("order", orderId).param("user", userId)
                .query(Notifications::sent).list();
    }

    private static Sent sent(ResultSet rs, int row) throws SQLException {
        Timestamp sentAt = rs.getTimestamp("sent_at");
        return new Sent(rs.getString("notification_id"), rs.getString("order_id"), rs.getString("user_id"), rs.getString("kind"),
                rs.getString("channel"), rs.getString("recipient"), rs.getString("subject"), rs.getString("status"), rs.getInt("attempts"),
                sentAt == null ? null : sentAt.toInstant(), rs.getTimestamp("created_at").toInstant());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> data(String text) {
        return json.readValue(text, Map.class);
    }
}
