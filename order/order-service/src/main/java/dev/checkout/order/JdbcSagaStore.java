package dev.checkout.order;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import dev.checkout.order.saga.SagaInstance;
import dev.checkout.order.saga.SagaStatus;
import dev.checkout.order.saga.SagaStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Saga state and step log in the {@code orders} schema; the data travels as JSON. */
@Component
class JdbcSagaStore implements SagaStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcSagaStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void insert(SagaInstance<?> saga) {
        jdbc.sql("""
                        insert into orders.saga_instances (saga_id, saga_type, order_id, status, step_index, data, failure_reason, attempts, deadline_at)
                        values (:id, :type, :order, :status, :step, :data::jsonb, :failure, :attempts, :deadline)""")
                .param("id", saga.sagaId()).param("type", saga.type()).param("order", saga.orderId())
                .param("status", saga.status().name()).param("step", saga.stepIndex())
                .param("data", json.writeValueAsString(saga.data())).param("failure", saga.failureReason())
                .param("attempts", saga.attempts()).param("deadline", timestamp(saga.deadline()))
                .update();
    }

    @Override
    public void update(SagaInstance<?> saga) {
        jdbc.sql("""
                        update orders.saga_instances set status = :status, step_index = :step, data = :data::jsonb,
                            failure_reason = :failure, attempts = :attempts, deadline_at = :deadline, updated_at = now()
                        where saga_id = :id""")
                .param("id", saga.sagaId()).param("status", saga.status().name()).param("step", saga.stepIndex())
                .param("data", json.writeValueAsString(saga.data())).param("failure", saga.failureReason())
                .param("attempts", saga.attempts()).param("deadline", timestamp(saga.deadline()))
                .update();
    }

    @Override
    public <D> Optional<SagaInstance<D>> lockByOrder(String type, String orderId, Class<D> dataType) {
        return jdbc.sql("select * from orders.saga_instances where saga_type = :type and order_id = :order for update")
                .param("type", type).param("order", orderId)
                .query((rs, n) -> new SagaInstance<>(rs.getString("saga_id"), rs.getString("saga_type"), rs.getString("order_id"),
                        SagaStatus.valueOf(rs.getString("status")), rs.getInt("step_index"),
                        json.readValue(rs.getString("data"), dataType), rs.getString("failure_reason"), rs.getInt("attempts"),
                        rs.getTimestamp("deadline_at") == null ? null : rs.getTimestamp("deadline_at").toInstant(), 0))
                .optional();
    }

    @Override
    public void log(String sagaId, String step, StepAction action, StepOutcome outcome, String detail, Instant at) {
        jdbc.sql("insert into orders.saga_step_log (saga_id, step, action, outcome, detail, at) values (:saga, :step, :action, :outcome, :detail, :at)")
                .param("saga", sagaId).param("step", step).param("action", action.name()).param("outcome", outcome.name())
                .param("detail", detail).param("at", Timestamp.from(at))
                .update();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
