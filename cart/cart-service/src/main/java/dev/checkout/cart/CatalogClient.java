package dev.checkout.cart;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.checkout.platform.web.ServiceHttp;
import dev.checkout.platform.web.ServiceUrls;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Reads one product from the catalog's public API, for the rare add-to-cart its events have not reached yet. */
@Component
class CatalogClient {

    private final RestClient http;
    private final ServiceUrls urls;

    CatalogClient(RestClient.Builder builder, ServiceUrls urls) {
        this.http = builder.requestFactory(ServiceHttp.requests(Duration.ofSeconds(2), Duration.ofSeconds(3))).build();
        this.urls = urls;
    }

    /** The catalog's view of a product, availability included. */
    record CatalogProduct(String productId, String name, String status, String currency, BigDecimal unitPrice, long version,
                          int available, Map<String, ProductCopy.VariantCopy> variants) {
    }

    /**
     * The product, or empty when the catalog does not know it.
     *
     * @throws org.springframework.web.client.RestClientException when the catalog cannot be asked
     */
    Optional<CatalogProduct> product(String productId) {
        JsonNode product;
        try {
            product = http.get().uri(urls.of("catalog") + "/api/v1/products/{id}", productId).retrieve().body(JsonNode.class);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        if (product == null || !product.hasNonNull("product_id")) {
            return Optional.empty();
        }
        Map<String, ProductCopy.VariantCopy> variants = new LinkedHashMap<>();
        for (JsonNode variant : product.path("variants")) {
            variants.put(variant.path("variant_id").asString(), new ProductCopy.VariantCopy(
                    variant.path("name").isNull() ? null : variant.path("name").asString(),
                    variant.path("price").decimalValue(), variant.path("available_quantity").asInt()));
        }
        return Optional.of(new CatalogProduct(productId, product.path("name").asString(), product.path("status").asString(),
                product.path("currency").asString("USD"), product.path("unit_price").decimalValue(),
                product.path("version").asLong(), product.path("available_quantity").asInt(), variants));
    }
}
