package dev.checkout.inventory;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.checkout.catalog.api.CatalogProduct;
import dev.checkout.platform.web.InternalApi;
import org.springframework.stereotype.Component;

/** Asks the catalog ({@link CatalogProduct}) whether a product (and variant) exists, before stock is set for it. */
@Component
class CatalogProducts {

    private final InternalApi services;

    CatalogProducts(InternalApi services) {
        this.services = services;
    }

    /**
     * The product's variant ids when it exists; empty when the catalog does not know it.
     *
     * @throws org.springframework.web.client.RestClientException when the catalog cannot be asked
     */
    Optional<Set<String>> variantsOf(String productId) {
        return services.read("catalog", CatalogProduct.PATH, CatalogProduct.class, productId)
                .map(product -> product.variants().stream().map(CatalogProduct.Variant::variantId).collect(Collectors.toSet()));
    }
}
