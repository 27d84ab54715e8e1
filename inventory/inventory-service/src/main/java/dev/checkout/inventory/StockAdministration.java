package dev.checkout.inventory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    Map<String, Object> view(String productId) {
        List<Stock.Row> rows = stock.rowsOf(productId);
        if (rows.isEmpty() && catalog.variantsOf(productId).isEmpty()) {
            throw ApiException.notFound("Product", productId);
        }
        var warehouses = rows.stream().map(r -> {
            var place = new java.util.LinkedHashMap<String, Object>();
            place.put("warehouse_id", r.warehouseId());
            place.put("variant_id", r.variantId());
            place.put("quantity_total", r.total());
            place.put("quantity_reserved", r.reserved());
            place.put("quantity_available", r.available());
            return place;
        }).toList();
        var view = new java.util.LinkedHashMap<String, Object>();
        view.put("product_id", productId);
        view.put("quantity_total", rows.stream().mapToInt(Stock.Row::total).sum());
        view.put("quantity_reserved", rows.stream().mapToInt(Stock.Row::reserved).sum());
        view.put("quantity_available", rows.stream().mapToInt(Stock.Row::available).sum());
        view.put("warehouses", warehouses);
        return view;
    }
}
