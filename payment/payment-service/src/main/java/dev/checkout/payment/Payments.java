package dev.checkout.payment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payments and refunds in the {@code payment} schema. */
@Repository
class Payments {

    private final JdbcClient jdbc;

    Payments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the payment unless the order already has one; returns whether it was added. */
    boolean addIfAbsent(Payment payment) {
        return jdbc.sql("""
                        insert into payment.payments (payment_id, order_id, user_id, amount, currency, method_type, card_token,
                            idempotency_key, status, amount_refunded, attempts, next_attempt_at)
                        values (:id, :order, :user, :amount, :currency, :method, :token, :key, :status, 0, 0, :next)
                        on conflict (order_id) do nothing""")
                .param("id", payment.paymentId()).param("order", payment.orderId()).param("user", payment.userId())
                .param("amount", payment.amount()).param("currency", payment.currency()).param("method", payment.methodType())
                .param("token", payment.cardToken()).param("key", payment.idempotencyKey()).param("status", payment.status().name())
                .param("next", timestamp(payment.nextAttemptAt()))
                .update() == 1;
    }

    /** Notes that the order's saga gave up on it (or asked for its refund before any charge): no charge may follow. */
    void close(String orderId, String reason) {
        jdbc.sql("insert into payment.closed_orders (order_id, reason) values (:order, :reason) on conflict do nothing")
                .param("order", orderId).param("reason", reason).update();
    }

    boolean isClosed(String orderId) {
        return jdbc.sql("select exists (select 1 from payment.closed_orders where order_id = :order)")
                .param("order", orderId).query(Boolean.class).single();
    }

    Optional<Payment> lockByOrder(String orderId) {
        return jdbc.sql("select * from payment.payments where order_id = :order for update").param("order", orderId)
                .query(Payments::map).optional();
    }

    Optional<Payment> lock(String paymentId) {
        return jdbc.sql("select * from payment.payments where payment_id = :id for update").param("id", paymentId)
                .query(Payments::map).optional();
    }

    Optional<Payment> byId(String paymentId) {
        return jdbc.sql("select * from payment.payments where payment_id = :id").param("id", paymentId)
                .query(Payments::map).optional();
    }

    void update(Payment payment) {
        jdbc.sql("""
                        update payment.payments set status = :status, gateway_charge_id = :charge, card_last4 = :last4,
                            card_brand = :brand, failure_reason = :failure, amount_refunded = :refunded, attempts = :attempts,
                            next_attempt_at = :next, refund_requested = :refundRequested, updated_at = now()
                        where payment_id = :id""")
                .param("status", payment.status().name()).param("charge", payment.gatewayChargeId())
                .param("last4", payment.cardLast4()).param("brand", payment.cardBrand()).param("failure", payment.failureReason())
                .param("refunded", payment.amountRefunded()).param("attempts", payment.attempts())
                .param("next", timestamp(payment.nextAttemptAt())).param("refundRequested", payment.refundRequested())
                .param("id", payment.paymentId())
                .update();
    }

    /** Payments whose outcome is unresolved and whose next attempt is due, oldest first. */
    List<String> paymentsDue(Instant now, int limit) {
        return jdbc.sql("""
                        select payment_id from payment.payments
                        where status in ('INITIATED', 'PENDING') and next_attempt_at <= :now order by next_attempt_at limit :limit""")
                .param("now", Timestamp.from(now)).param("limit", limit).query(String.class).list();
    }

    /** Refunds not yet made whose next attempt is due, oldest first. */
    List<String> refundsDue(Instant now, int limit) {
        return jdbc.sql("""
                        select refund_id from payment.refunds
                        where status = 'PENDING' and next_attempt_at <= :now order by next_attempt_at limit :limit""")
                .param("now", Timestamp.from(now)).param("limit", limit).query(String.class).list();
    }

    /** Adds the refund unless one with its key exists; returns whether it was added. */
    boolean addRefundIfAbsent(Refund refund) {
        return jdbc.sql("""
                        insert into payment.refunds (refund_id, payment_id, order_id, amount, reason, status, idempotency_key, next_attempt_at)
                        values (:id, :payment, :order, :amount, :reason, :status, :key, :next)
                        on conflict (idempotency_key) do nothing""")
                .param("id", refund.refundId()).param("payment", refund.paymentId()).param("order", refund.orderId())
                .param("amount", refund.amount()).param("reason", refund.reason()).param("status", refund.status().name())
                .param("key", refund.idempotencyKey()).param("next", timestamp(refund.nextAttemptAt()))
                .update() == 1;
    }

    Optional<Refund> refundWithKey(String idempotencyKey) {
        return jdbc.sql("select * from payment.refunds where idempotency_key = :key").param("key", idempotencyKey)
                .query(Payments::mapRefund).optional();
    }

    Optional<Refund> lockRefund(String refundId) {
        return jdbc.sql("select * from payment.refunds where refund_id = :id for update").param("id", refundId)
                .query(Payments::mapRefund).optional();
    }

    void update(Refund refund) {
        jdbc.sql("""
                        update payment.refunds set status = :status, gateway_refund_id = :gateway, failure_reason = :failure,
                            attempts = :attempts, next_attempt_at = :next, updated_at = now()
                        where refund_id = :id""")
                .param("status", refund.status().name()).param("gateway", refund.gatewayRefundId())
                .param("failure", refund.failureReason()).param("attempts", refund.attempts())
                .param("next", timestamp(refund.nextAttemptAt())).param("id", refund.refundId())
                .update();
    }

    /** The payment that charged with this gateway idempotency key (each payment uses one key for all its attempts). */
    Optional<Payment> byIdempotencyKey(String idempotencyKey) {
        return jdbc.sql("select * from payment.payments where idempotency_key = :key").param("key", idempotencyKey)
                .query(Payments::map).optional();
    }

    Optional<Payment> byOrder(String orderId) {
        return jdbc.sql("select * from payment.payments where order_id = :order").param("order", orderId)
                .query(Payments::map).optional();
    }

    /** Which of these gateway charges the reconciliation has settled for good. */
    java.util.Set<String> reconciled(List<String> chargeIds) {
        return new java.util.HashSet<>(jdbc.sql("select charge_id from payment.reconciled_charges where charge_id = any(:ids)")
                .param("ids", chargeIds.toArray(String[]::new)).query(String.class).list());
    }

    void markReconciled(String chargeId, String orderId, String outcome) {
        jdbc.sql("""
                        insert into payment.reconciled_charges (charge_id, order_id, outcome) values (:charge, :order, :outcome)
                        on conflict (charge_id) do nothing""")
                .param("charge", chargeId).param("order", orderId).param("outcome", outcome).update();
    }

    /** What is being given back already but not yet made. */
    BigDecimal refundsInFlight(String paymentId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from payment.refunds where payment_id = :id and status = 'PENDING'")
                .param("id", paymentId).query(BigDecimal.class).single();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Payment map(ResultSet rs, int row) throws SQLException {
        return new Payment(rs.getString("payment_id"), rs.getString("order_id"), rs.getString("user_id"), rs.getBigDecimal("amount"),
                rs.getString("currency"), rs.getString("method_type"), rs.getString("card_token"), rs.getString("idempotency_key"),
                rs.getString("card_last4"), rs.getString("card_brand"), rs.getString("gateway_charge_id"),
                Payment.Status.valueOf(rs.getString("status")), rs.getString("failure_reason"), rs.getBigDecimal("amount_refunded"),
                rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")), rs.getBoolean("refund_requested"));
    }

    private static Refund mapRefund(ResultSet rs, int row) throws SQLException {
        return new Refund(rs.getString("refund_id"), rs.getString("payment_id"), rs.getString("order_id"), rs.getBigDecimal("amount"),
                rs.getString("reason"), rs.getString("idempotency_key"), Refund.Status.valueOf(rs.getString("status")),
                rs.getString("gateway_refund_id"), rs.getString("failure_reason"), rs.getInt("attempts"),
                instant(rs.getTimestamp("next_attempt_at")));
    }
}
