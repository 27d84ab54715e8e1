package dev.checkout.inventory;

import java.time.Duration;
import java.util.Optional;

import dev.checkout.platform.web.ServiceHttp;
import dev.checkout.platform.web.ServiceUrls;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Asks the catalog's public API whether a product (and variant) exists, before stock is set for it. */
@Component
class CatalogProducts {

    private final RestClient http;
    private final ServiceUrls urls;

    CatalogProducts(RestClient.Builder builder, ServiceUrls urls) {
        this.http = builder.requestFactory(ServiceHttp.requests(Duration.ofSeconds(2), Duration.ofSeconds(5))).build();
        this.urls = urls;
    }

    /** The product's variant ids when it exists; empty when the catalog does not know it. */
    Optional<java.util.Set<String>> variantsOf(String productId) {
        try {
            JsonNode product = http.get().uri(urls.of("catalog") + "/api/v1/products/{id}", productId).retrieve().body(JsonNode.class);
            java.util.Set<String> variants = new java.util.HashSet<>();
            product.path("variants").forEach(v -> variants.add(v.path("variant_id").asString()));
            return Optional.of(variants);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
