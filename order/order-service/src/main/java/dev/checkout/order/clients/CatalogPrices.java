package dev.checkout.order.clients;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.checkout.catalog.api.CatalogProduct;
import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.InternalApi;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Asks the catalog ({@link CatalogProduct}) what a product costs now: only for a product the {@link PriceCopy} has not
 * heard of yet (created a moment before its event arrives), or holds at an older version than the cart has seen.
 */
@Component
class CatalogPrices {

    private static final java.util.regex.Pattern ID_SHAPE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final InternalApi services;

    CatalogPrices(InternalApi services) {
        this.services = services;
    }

    /** A product for sale: its name and unit price now, and each variant's name and price. */
    record Product(String productId, String name, BigDecimal unitPrice, String currency, Map<String, VariantPrice> variantPrices) {
    }

    record VariantPrice(String name, BigDecimal price) {
    }

    /** The product, or empty when it does not exist or is not for sale. */
    Optional<Product> priceOf(String productId) {
        if (!ID_SHAPE.matcher(productId).matches()) {
            // No product has such an id; asked for, a '/' or '?' in it would name another path, which answers 400
            // (encoded slashes are refused) and would read as the catalog being unavailable.
            return Optional.empty();
        }
        Optional<CatalogProduct> product;
        try {
            product = services.read("catalog", CatalogProduct.PATH, CatalogProduct.class, productId);
        } catch (RestClientException e) {
            throw unavailable();
        }
        return product.filter(CatalogProduct::forSale).map(found -> {
            Map<String, VariantPrice> variants = new LinkedHashMap<>();
            found.variants().forEach(v -> variants.put(v.variantId(), new VariantPrice(v.name() == null ? "" : v.name(), v.price())));
            return new Product(productId, found.name(), found.unitPrice(), found.currency(), variants);
        });
    }

    private static ApiException unavailable() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                "The catalog cannot be reached to price the order; try again shortly");
    }
}
