package dev.checkout.order.orders;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.checkout.platform.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Cancelling an order (its customer or an admin) and moving it along fulfilment (admins). */
@RestController
class OrderAdminController {

    private final OrderCancellation cancellation;
    private final OrderAdministration administration;
    private final OrderQueries queries;

    OrderAdminController(OrderCancellation cancellation, OrderAdministration administration, OrderQueries queries) {
        this.cancellation = cancellation;
        this.administration = administration;
        this.queries = queries;
    }

    @PostMapping("/api/v1/orders/{orderId}/cancel")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> cancel(Caller caller, @PathVariable String orderId) {
        caller.requireUserId();
        Order order = cancellation.cancel(orderId, caller, caller.isAdmin() ? "cancelled_by_admin" : "cancelled_by_customer");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("order_id", order.orderId());
        body.put("status", order.status().name());
        return body;
    }

    @PostMapping("/api/v1/admin/orders/{orderId}/status")
    OrderQueries.OrderView changeStatus(Caller caller, @PathVariable String orderId, @Valid @RequestBody StatusChange request) {
        administration.advance(orderId, OrderAdministration.adminStatus(request.status()), request.trackingNumber());
        return queries.view(orderId, caller);
    }

    record StatusChange(@NotBlank(message = "is required") String status, @Size(max = 100) String trackingNumber) {
    }
}
