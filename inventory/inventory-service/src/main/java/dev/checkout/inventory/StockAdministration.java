package dev.checkout.inventory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.checkout.inventory.api.ProductStock;
import dev.checkout.platform.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What admins do with stock: set the physical quantity of a place, and look at a product's stock. */
@Service
class StockAdministration {

    private final Stock stock;
    private final CatalogProducts catalog;
    private final ReservationEffects effects;
    private final InventoryProperties properties;
    private final StockGate gate;
    private final TransactionTemplate transaction;

    StockAdministration(Stock stock, CatalogProducts catalog, ReservationEffects effects, InventoryProperties properties,
                        StockGate gate, PlatformTransactionManager transactions) {
        this.stock = stock;
        this.gate = gate;
        this.transaction = new TransactionTemplate(transactions);
        this.catalog = catalog;
        this.effects = effects;
        this.properties = properties;
    }

    /** Sets the physical stock of a place of a product the catalog knows (asked before any row is locked). */
    Stock.Row setTotal(String productId, String variantId, String warehouseId, int total) {
        var variants = catalog.variantsOf(productId).orElseThrow(() -> ApiException.notFound("Product", productId));
        if (variantId != null && !variants.contains(variantId)) {
            throw ApiException.unprocessable("variant_not_found", "Product " + productId + " has no variant " + variantId);
        }
        return transaction.execute(status -> setTotalOfKnownProduct(productId, variantId, warehouseId, total));
    }

    /**
     * Sets the physical stock of a place, in the caller's transaction. The place's row is locked first, so the check
     * that the new total still covers what is reserved there cannot be overtaken by a reservation; the gate's counter
     * moves by the change in availability while the row is locked.
     */
    Stock.Row setTotalOfKnownProduct(String productId, String variantId, String warehouseId, int total) {
        Optional<Stock.Row> before = stock.lockPlace(productId, variantId, warehouseId);
        int reserved = before.map(Stock.Row::reserved).orElse(0);
        if (total < reserved) {
            throw ApiException.conflict("quantity_below_reserved",
                    "quantity_total " + total + " is below the " + reserved + " units reserved in " + warehouseId)
                    .with("quantity_reserved", reserved);
        }
        Stock.Row row = stock.setTotal(productId, variantId, warehouseId, total, properties.lowStockThreshold());
        gate.adjust(Map.of(new CounterKey(productId, variantId), row.available() - before.map(Stock.Row::available).orElse(0)));
        effects.announce(List.of(new Reservation.Line(row.stockId(), productId, variantId, warehouseId, 0)), false);
        return row;
    }

    /** The product's stock summed over warehouses and per warehouse; zeros for a product without stock yet. */
    ProductStock view(String productId) {
        List<Stock.Row> rows = stock.rowsOf(productId);
        if (rows.isEmpty() && catalog.variantsOf(productId).isEmpty()) {
            throw ApiException.notFound("Product", productId);
        }
        List<ProductStock.Place> warehouses = rows.stream().map(r -> new ProductStock.Place(r.warehouseId(), r.variantId(), r.total(),
                r.reserved(), r.available())).toList();
        return new ProductStock(productId, rows.stream().mapToInt(Stock.Row::total).sum(), rows.stream().mapToInt(Stock.Row::reserved).sum(),
                rows.stream().mapToInt(Stock.Row::available).sum(), warehouses);
    }
}
