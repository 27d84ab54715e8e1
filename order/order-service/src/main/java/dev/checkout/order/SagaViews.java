package dev.checkout.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.checkout.platform.web.PageQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Read-only views of sagas for operators. */
@Service
class SagaViews {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    SagaViews(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    List<Map<String, Object>> list(String status, PageQuery page) {
        return jdbc.sql("select * from orders.saga_instances where " + condition(status) + " order by updated_at desc, saga_id limit :limit offset :offset")
                .param("status", status).param("now", Timestamp.from(clock.instant()))
                .param("limit", page.limit()).param("offset", page.offset())
                .query(this::summary).list();
    }

    long count(String status) {
        return jdbc.sql("select count(*) from orders.saga_instances where " + condition(status))
                .param("status", status).param("now", Timestamp.from(clock.instant())).query(Long.class).single();
    }

    Optional<Map<String, Object>> detail(String sagaId) {
        return jdbc.sql("select * from orders.saga_instances where saga_id = :id").param("id", sagaId).query((rs, n) -> {
            Map<String, Object> saga = summary(rs, n);
            saga.put("data", json.readTree(rs.getString("data")));
            saga.put("steps", json.readTree(rs.getString("steps")));
            return saga;
        }).optional();
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

    private Map<String, Object> summary(ResultSet rs, int row) throws SQLException {
        Map<String, Object> saga = new LinkedHashMap<>();
        saga.put("saga_id", rs.getString("saga_id"));
        saga.put("saga_type", rs.getString("saga_type"));
        saga.put("order_id", rs.getString("order_id"));
        saga.put("status", rs.getString("status"));
        saga.put("step_index", rs.getInt("step_index"));
        saga.put("failure_reason", rs.getString("failure_reason"));
        saga.put("attempts", rs.getInt("attempts"));
        Timestamp deadline = rs.getTimestamp("deadline_at");
        saga.put("deadline_at", deadline == null ? null : deadline.toInstant());
        saga.put("stuck", deadline != null && deadline.toInstant().isBefore(clock.instant())
                && List.of("RUNNING", "COMPENSATING").contains(rs.getString("status")));
        saga.put("created_at", rs.getTimestamp("created_at").toInstant());
        saga.put("updated_at", rs.getTimestamp("updated_at").toInstant());
        return saga;
    }
}
