package dev.checkout.order.saga;

import java.util.List;
import java.util.Map;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.PageQuery;
import dev.checkout.platform.web.Pagination;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/admin/sagas?status=} and {@code GET /api/v1/admin/sagas/{saga_id}} with its step log. STUCK means
 * running or compensating past its step's deadline (the recovery job is on it); FAILED needs an operator.
 */
@RestController
@RequestMapping("/api/v1/admin/sagas")
class SagaAdminController {

    private static final List<String> STATUSES = List.of("STUCK", "RUNNING", "COMPENSATING", "COMPLETED", "COMPENSATED", "FAILED");

    private final SagaViews sagas;

    SagaAdminController(SagaViews sagas) {
        this.sagas = sagas;
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                             @RequestParam(required = false) Integer limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("validation_failed", "status must be one of " + STATUSES)
                    .with("errors", List.of(Map.of("field", "status", "message", "is not a saga status")));
        }
        PageQuery query = PageQuery.of(page, limit);
        return Map.of("sagas", sagas.list(status, query), "pagination", Pagination.of(query, sagas.count(status)));
    }

    @GetMapping("/{sagaId}")
    SagaViews.Detail saga(@PathVariable String sagaId) {
        return sagas.detail(sagaId).orElseThrow(() -> ApiException.notFound("Saga", sagaId));
    }
}
