package dev.checkout.catalog.api;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What other services read of a product from the catalog's public API, {@code GET} {@link #PATH} (no token; 404 when
 * there is no such product): the cart (adding a
 * product its copy has not heard of yet), the order service (pricing one its price copy lacks) and inventory (whether
 * a product and its variants exist before stock is set). Only the members they use are named: the answer has more
 * ({@code sku}, {@code description}, ...) and may grow, so it is read tolerantly.
 *
 * @param status            {@code ACTIVE} when for sale (see {@link #forSale()})
 * @param unitPrice         what one unit costs now (the sale price inside its window, else the base price)
 * @param version           increases with every change, as {@link ProductChanged#version()}
 * @param availableQuantity units available over all warehouses, as the catalog last heard from inventory
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogProduct(String productId, String name, String status, String currency, BigDecimal unitPrice, long version,
                             int availableQuantity, List<Variant> variants) {

    public static final String PATH = "/api/v1/products/{productId}";

    /** The catalog's currency when it names none. */
    public static final String DEFAULT_CURRENCY = "USD";

    public CatalogProduct {
        currency = currency == null ? DEFAULT_CURRENCY : currency;
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    public boolean forSale() {
        return "ACTIVE".equals(status);
    }

    /** A variant: {@code price} is what one unit of it costs now, its modifier included. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Variant(String variantId, String name, BigDecimal price, int availableQuantity) {
    }
}
