package dev.checkout.app.demo;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The demo store as {@code demo/catalogue.json} holds it: products as the admin API takes them, and their stock. */
record DemoCatalogue(String warehouseId, List<Product> products) {

    record Product(String sku, String name, String description, String brand, String categoryPath, BigDecimal basePrice,
                   BigDecimal salePrice, Map<String, Object> attributes, int stock) {

        /** The body of {@code POST /admin/products}: the product without its stock, absent fields left out. */
        Map<String, Object> creation() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sku", sku);
            body.put("name", name);
            body.put("description", description);
            body.put("brand", brand);
            body.put("category_path", categoryPath);
            body.put("base_price", basePrice);
            if (salePrice != null) {
                body.put("sale_price", salePrice);
            }
            if (attributes != null && !attributes.isEmpty()) {
                body.put("attributes", attributes);
            }
            return body;
        }
    }

    Set<String> skus() {
        return products.stream().map(Product::sku).collect(Collectors.toUnmodifiableSet());
    }
}
