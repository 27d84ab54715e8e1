package dev.checkout.inventory;

import dev.checkout.inventory.api.ProductStock;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A product's stock as PostgreSQL has it now, for other services ({@code /api/v1/internal/**}, SERVICE role only):
 * the cart asks before refusing a product its copy says is sold out, since that copy follows stock events a moment
 * behind an admin's change. Same shape as the admin view.
 */
@RestController
class InternalStockController {

    private final StockAdministration administration;

    InternalStockController(StockAdministration administration) {
        this.administration = administration;
    }

    @GetMapping(ProductStock.PATH)
    ProductStock stock(@PathVariable String productId) {
        return administration.view(productId);
    }
}
