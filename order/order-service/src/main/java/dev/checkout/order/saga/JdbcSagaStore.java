package dev.checkout.order.saga;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import dev.checkout.order.saga.engine.SagaInstance;
import dev.checkout.order.saga.engine.SagaStatus;
import dev.checkout.order.saga.engine.SagaStore;

/**
 * Saga state in the {@code orders} schema, the only place that writes {@code saga_instances}; the data and the step
 * log travel as JSON on the saga's row, so a transition is one statement.
 */
@Component
public class JdbcSagaStore implements SagaStore {

    private static final TypeReference<List<LogEntry>> LOG = new TypeReference<>() {
    };
    private static final String COLUMNS = "saga_id, saga_type, order_id, status, step_index, data, failure_reason, attempts, deadline_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final SagaStepMeters stepMeters;

    JdbcSagaStore(JdbcClient jdbc, JsonMapper json, SagaStepMeters stepMeters) {
        this.jdbc = jdbc;
        this.json = json;
        this.stepMeters = stepMeters;
    }

    @Override
    public void insert(SagaInstance<?> saga, List<LogEntry> log) {
        jdbc.sql("""
                        insert into orders.saga_instances (saga_id, saga_type, order_id, status, step_index, data, failure_reason, attempts,
                            deadline_at, steps)
                        values (:id, :type, :order, :status, :step, :data::jsonb, :failure, :attempts, :deadline, :log::jsonb)""")
                .param("id", saga.sagaId()).param("type", saga.type()).param("order", saga.orderId())
                .param("status", saga.status().name()).param("step", saga.stepIndex())
                .param("data", json.writeValueAsString(saga.data())).param("failure", saga.failureReason())
                .param("attempts", saga.attempts()).param("deadline", timestamp(saga.deadline()))
                .param("log", json.writeValueAsString(log))
                .update();
    }

    @Override
    public void update(SagaInstance<?> saga, List<LogEntry> log) {
        // The row as it was (the FROM side of the update) says when the saga last moved: when the step now ending began.
        Optional<Timestamp> previous = jdbc.sql("""
                        update orders.saga_instances saga set status = :status, step_index = :step, data = :data::jsonb,
                            failure_reason = :failure, attempts = :attempts, deadline_at = :deadline, updated_at = now(),
                            steps = saga.steps || :log::jsonb
                        from orders.saga_instances earlier
                        where saga.saga_id = :id and earlier.saga_id = saga.saga_id
                        returning earlier.updated_at""")
                .param("id", saga.sagaId()).param("status", saga.status().name()).param("step", saga.stepIndex())
                .param("data", json.writeValueAsString(saga.data())).param("failure", saga.failureReason())
                .param("attempts", saga.attempts()).param("deadline", timestamp(saga.deadline()))
                .param("log", json.writeValueAsString(log))
                .query(Timestamp.class).optional();
        previous.ifPresent(began -> log.stream()
                .filter(entry -> entry.action() == SagaStore.StepAction.INVOKE && entry.at() != null
                        && (entry.outcome() == SagaStore.StepOutcome.COMPLETED || entry.outcome() == SagaStore.StepOutcome.FAILED))
                .forEach(entry -> stepMeters.record(saga.type(), entry.step(), entry.outcome().name().toLowerCase(Locale.ROOT),
                        Duration.between(began.toInstant(), entry.at()))));
    }

    @Override
    public List<Stored> lockActive(String orderId) {
        return jdbc.sql("select " + COLUMNS + " from orders.saga_instances where order_id = :order"
                        + " and status in ('RUNNING', 'COMPENSATING') for update")
                .param("order", orderId).query(this::stored).list();
    }

    @Override
    public Optional<Stored> lock(String type, String orderId) {
        return jdbc.sql("select " + COLUMNS + " from orders.saga_instances where saga_type = :type and order_id = :order for update")
                .param("type", type).param("order", orderId).query(this::stored).optional();
    }

    /** The step log of a saga, oldest line first. */
    public List<LogEntry> log(String sagaId) {
        return jdbc.sql("select steps from orders.saga_instances where saga_id = :id").param("id", sagaId)
                .query(String.class).optional().map(this::parse).orElse(List.of());
    }

    /** The step log of the order's saga of {@code type}, oldest line first. */
    public List<LogEntry> log(String type, String orderId) {
        return jdbc.sql("select steps from orders.saga_instances where saga_type = :type and order_id = :order")
                .param("type", type).param("order", orderId)
                .query(String.class).optional().map(this::parse).orElse(List.of());
    }

    private List<LogEntry> parse(String steps) {
        return json.readValue(steps, LOG);
    }

    private Stored stored(ResultSet rs, int row) throws SQLException {
        String sagaId = rs.getString("saga_id");
        String type = rs.getString("saga_type");
        String orderId = rs.getString("order_id");
        SagaStatus status = SagaStatus.valueOf(rs.getString("status"));
        int stepIndex = rs.getInt("step_index");
        String data = rs.getString("data");
        String failureReason = rs.getString("failure_reason");
        int attempts = rs.getInt("attempts");
        Timestamp deadline = rs.getTimestamp("deadline_at");
        return new Stored() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public <D> SagaInstance<D> as(Class<D> dataType) {
                return new SagaInstance<>(sagaId, type, orderId, status, stepIndex, json.readValue(data, dataType), failureReason,
                        attempts, deadline == null ? null : deadline.toInstant(), 0);
            }
        };
    }

    /** A saga as operators see it; {@code data} and {@code steps} are the stored JSON, read only for one saga. */
    record Row(String sagaId, String sagaType, String orderId, String status, int stepIndex, String failureReason, int attempts,
               Instant deadlineAt, Instant createdAt, Instant updatedAt, String data, String steps) {
    }

    /** Which saga of which order to look at. */
    record Key(String type, String orderId) {
    }

    /** Running or compensating sagas whose step deadline passed by {@code now}, the most overdue first. */
    List<Key> overdue(Instant now, int limit) {
        return jdbc.sql("""
                        select saga_type, order_id from orders.saga_instances
                        where status in ('RUNNING', 'COMPENSATING') and deadline_at <= :now order by deadline_at limit :limit""")
                .param("now", timestamp(now)).param("limit", limit)
                .query((rs, n) -> new Key(rs.getString(1), rs.getString(2))).list();
    }

    /** A page of sagas in {@code status} (any when null; STUCK: running or compensating past their deadline), newest first. */
    List<Row> page(String status, Instant now, int limit, long offset) {
        return jdbc.sql("select * from orders.saga_instances where " + condition(status) + " order by updated_at desc, saga_id limit :limit offset :offset")
                .param("status", status).param("now", timestamp(now)).param("limit", limit).param("offset", offset)
                .query((rs, n) -> row(rs, false)).list();
    }

    long count(String status, Instant now) {
        return jdbc.sql("select count(*) from orders.saga_instances where " + condition(status))
                .param("status", status).param("now", timestamp(now)).query(Long.class).single();
    }

    Optional<Row> find(String sagaId) {
        return jdbc.sql("select * from orders.saga_instances where saga_id = :id").param("id", sagaId)
                .query((rs, n) -> row(rs, true)).optional();
    }

    private static String condition(String status) {
        if (status == null) {
            return "(:status::text is null or true)";
        }
        if ("STUCK".equals(status)) {
            return "status in ('RUNNING', 'COMPENSATING') and deadline_at < :now and :status::text is not null";
        }
        return "status = :status";
    }

    private static Row row(ResultSet rs, boolean withJson) throws SQLException {
        Timestamp deadline = rs.getTimestamp("deadline_at");
        return new Row(rs.getString("saga_id"), rs.getString("saga_type"), rs.getString("order_id"), rs.getString("status"),
                rs.getInt("step_index"), rs.getString("failure_reason"), rs.getInt("attempts"), deadline == null ? null : deadline.toInstant(),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                withJson ? rs.getString("data") : null, withJson ? rs.getString("steps") : null);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
