package dev.checkout.inventory;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code PUT} and {@code GET /api/v1/admin/inventory/{product_id}}. */
@RestController
@RequestMapping("/api/v1/admin/inventory")
class StockAdminController {

    private final StockAdministration administration;

    StockAdminController(StockAdministration administration) {
        this.administration = administration;
    }

    @PutMapping("/{productId}")
    Map<String, Object> setStock(@PathVariable String productId, @Valid @RequestBody SetStock request) {
        Stock.Row row = administration.setTotal(productId, request.variantId(), request.warehouseId().trim(), request.quantityTotal());
        var body = new LinkedHashMap<String, Object>();
        body.put("product_id", productId);
        body.put("variant_id", row.variantId());
        body.put("warehouse_id", row.warehouseId());
        body.put("quantity_total", row.total());
        body.put("quantity_reserved", row.reserved());
        body.put("quantity_available", row.available());
        return body;
    }

    @GetMapping("/{productId}")
    Map<String, Object> stock(@PathVariable String productId) {
        return administration.view(productId);
    }

    record SetStock(
            @NotBlank(message = "is required") @Size(max = 100) String warehouseId,
            @NotNull(message = "is required") @PositiveOrZero(message = "must not be negative") @Max(value = 1_000_000_000, message = "is too large") Integer quantityTotal,
            String variantId) {
    }
}
