package dev.checkout.order.saga;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.checkout.platform.web.PageQuery;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Read-only views of sagas for operators, from {@link JdbcSagaStore}. */
@Service
class SagaViews {

    private final JdbcSagaStore store;
    private final JsonMapper json;
    private final Clock clock;

    SagaViews(JdbcSagaStore store, JsonMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /** A saga in a list: where it is, and whether it is stuck (running or compensating past its step's deadline). */
    record Summary(String sagaId, String sagaType, String orderId, String status, int stepIndex, String failureReason, int attempts,
                   Instant deadlineAt, boolean stuck, Instant createdAt, Instant updatedAt) {
    }

    /** One saga with its data and its step log. */
    record Detail(String sagaId, String sagaType, String orderId, String status, int stepIndex, String failureReason, int attempts,
                  Instant deadlineAt, boolean stuck, Instant createdAt, Instant updatedAt, JsonNode data, JsonNode steps) {
    }

    List<Summary> list(String status, PageQuery page) {
        Instant now = clock.instant();
        return store.page(status, now, page.limit(), page.offset()).stream().map(row -> summary(row, now)).toList();
    }

    long count(String status) {
        return store.count(status, clock.instant());
    }

    Optional<Detail> detail(String sagaId) {
        Instant now = clock.instant();
        return store.find(sagaId).map(row -> new Detail(row.sagaId(), row.sagaType(), row.orderId(), row.status(), row.stepIndex(),
                row.failureReason(), row.attempts(), row.deadlineAt(), isStuck(row, now), row.createdAt(), row.updatedAt(),
                json.readTree(row.data()), json.readTree(row.steps())));
    }

    private static Summary summary(JdbcSagaStore.Row row, Instant now) {
        return new Summary(row.sagaId(), row.sagaType(), row.orderId(), row.status(), row.stepIndex(), row.failureReason(),
                row.attempts(), row.deadlineAt(), isStuck(row, now), row.createdAt(), row.updatedAt());
    }

    private static boolean isStuck(JdbcSagaStore.Row row, Instant now) {
        return row.deadlineAt() != null && row.deadlineAt().isBefore(now) && List.of("RUNNING", "COMPENSATING").contains(row.status());
    }
}
