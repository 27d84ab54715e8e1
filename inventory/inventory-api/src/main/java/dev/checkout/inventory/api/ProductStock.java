package dev.checkout.inventory.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A product's stock as inventory's database has it now: summed over warehouses, and per warehouse (and variant). The
 * admin's {@code GET /api/v1/admin/inventory/{productId}} answers it, and so does the internal {@link #PATH} (SERVICE
 * role), which the cart asks before refusing a product its copy says is sold out. Read it tolerantly: members may be
 * added.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProductStock(String productId, int quantityTotal, int quantityReserved, int quantityAvailable, List<Place> warehouses) {

    public static final String PATH = "/api/v1/internal/stock/{productId}";

    /** The problem code of the 404 that says inventory knows no such product. */
    public static final String ABSENT = "not_found";

    public ProductStock {
        warehouses = warehouses == null ? List.of() : List.copyOf(warehouses);
    }

    /** One stock row: a warehouse's stock of the product ({@code variantId} null) or of one of its variants. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Place(String warehouseId, String variantId, int quantityTotal, int quantityReserved, int quantityAvailable) {
    }
}
