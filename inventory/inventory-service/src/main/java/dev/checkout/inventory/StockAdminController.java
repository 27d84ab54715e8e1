package dev.checkout.inventory;

import dev.checkout.inventory.api.ProductStock;

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
    PlaceStock setStock(@PathVariable String productId, @Valid @RequestBody SetStock request) {
        Stock.Row row = administration.setTotal(productId, request.variantId(), request.warehouseId().trim(), request.quantityTotal());
        return new PlaceStock(productId, row.variantId(), row.warehouseId(), row.total(), row.reserved(), row.available());
    }

    @GetMapping("/{productId}")
    ProductStock stock(@PathVariable String productId) {
        return administration.view(productId);
    }

    /** The place's stock after the change. */
    record PlaceStock(String productId, String variantId, String warehouseId, int quantityTotal, int quantityReserved,
                      int quantityAvailable) {
    }

    record SetStock(
            @NotBlank(message = "is required") @Size(max = 100) String warehouseId,
            @NotNull(message = "is required") @PositiveOrZero(message = "must not be negative") @Max(value = 1_000_000_000, message = "is too large") Integer quantityTotal,
            String variantId) {
    }
}
