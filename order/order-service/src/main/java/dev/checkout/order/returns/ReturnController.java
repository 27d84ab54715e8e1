package dev.checkout.order.returns;

import java.util.List;
import java.util.Map;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.Caller;
import dev.checkout.platform.web.PageQuery;
import dev.checkout.platform.web.Pagination;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Returns: the owner asks for one; admins list, approve and reject them (api.md, "Returns and shipments"). */
@RestController
class ReturnController {

    private final OrderReturning returning;

    ReturnController(OrderReturning returning) {
        this.returning = returning;
    }

    @PostMapping("/api/v1/orders/{orderId}/return")
    @ResponseStatus(HttpStatus.CREATED)
    OrderReturning.ReturnView request(Caller caller, @PathVariable String orderId, @Valid @RequestBody(required = false) ReturnRequest request) {
        caller.requireUserId();
        ReturnRequest asked = request == null ? new ReturnRequest(null, null) : request;
        List<OrderReturn.Asked> items = asked.items() == null ? List.of()
                : asked.items().stream().map(item -> new OrderReturn.Asked(item.productId(), item.variantId(), item.quantity())).toList();
        return returning.request(caller, orderId, asked.reason(), items);
    }

    @GetMapping("/api/v1/admin/returns")
    Map<String, Object> list(@RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                             @RequestParam(required = false) Integer limit) {
        if (status != null && java.util.Arrays.stream(OrderReturn.Status.values()).noneMatch(s -> s.name().equals(status))) {
            throw ApiException.badRequest("validation_failed", "status must be one of REQUESTED, APPROVED, REFUNDED, REJECTED")
                    .with("errors", List.of(Map.of("field", "status", "message", "is not a return status")));
        }
        PageQuery query = PageQuery.of(page, limit);
        return Map.of("returns", returning.page(status, query.limit(), query.offset()), "pagination", Pagination.of(query, returning.count(status)));
    }

    @PostMapping("/api/v1/admin/returns/{returnId}/approve")
    OrderReturning.ReturnView approve(@PathVariable String returnId) {
        return returning.approve(returnId);
    }

    @PostMapping("/api/v1/admin/returns/{returnId}/reject")
    OrderReturning.ReturnView reject(@PathVariable String returnId, @Valid @RequestBody(required = false) Rejection rejection) {
        return returning.reject(returnId, rejection == null ? null : rejection.reason());
    }

    record ReturnRequest(@Size(max = 500, message = "must be at most 500 characters") String reason,
                         @Size(min = 1, max = 100, message = "must list 1 to 100 items") List<@Valid @NotNull(message = "is required") Item> items) {
    }

    record Item(@NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters") String productId,
                @Size(max = 100, message = "must be at most 100 characters") String variantId,
                @NotNull(message = "is required") @Min(value = 1, message = "must be at least 1")
                @Max(value = 10_000, message = "must be at most 10000") Integer quantity) {
    }

    record Rejection(@Size(max = 500, message = "must be at most 500 characters") String reason) {
    }
}
