package dev.checkout.fulfillment;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.PageQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** ADMIN: {@code /api/v1/admin/shipments}: list shipments, ship one with a carrier and tracking number, deliver it. */
@RestController
class ShipmentAdminController {

    private static final Set<String> STATUSES = Set.of("PENDING", "SHIPPED", "DELIVERED", "CANCELLED");

    private final ShipmentProgress progress;

    ShipmentAdminController(ShipmentProgress progress) {
        this.progress = progress;
    }

    @GetMapping("/api/v1/admin/shipments")
    Map<String, Object> list(@RequestParam(required = false) String status, @RequestParam(name = "order_id", required = false) String orderId,
                             @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("validation_failed", "status must be one of " + STATUSES)
                    .with("errors", List.of(Map.of("field", "status", "message", "must be one of " + STATUSES)));
        }
        return progress.list(status, orderId, PageQuery.of(page, limit));
    }

    @PostMapping("/api/v1/admin/shipments/{shipmentId}/ship")
    Map<String, Object> ship(@PathVariable String shipmentId, @Valid @RequestBody Dispatch request) {
        return ShipmentProgress.view(progress.ship(shipmentId, request.carrier(), request.trackingNumber()));
    }

    @PostMapping("/api/v1/admin/shipments/{shipmentId}/deliver")
    Map<String, Object> deliver(@PathVariable String shipmentId) {
        return ShipmentProgress.view(progress.deliver(shipmentId));
    }

    record Dispatch(@NotBlank(message = "is required") @Size(max = 100) String carrier,
                    @NotBlank(message = "is required") @Size(max = 100) String trackingNumber) {
    }
}
