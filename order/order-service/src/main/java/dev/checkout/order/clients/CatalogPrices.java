package dev.checkout.order.clients;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.ServiceHttp;
import dev.checkout.platform.web.ServiceUrls;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * Asks the catalog's public API what a product costs now: only for a product the {@link PriceCopy} has not heard of
 * yet (created a moment before its event arrives), or holds at an older version than the cart has seen.
 */
@Component
class CatalogPrices {

    private static final java.util.regex.Pattern ID_SHAPE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final RestClient http;
    private final ServiceUrls urls;

    CatalogPrices(RestClient.Builder builder, ServiceUrls urls) {
        this.http = builder.requestFactory(ServiceHttp.requests(Duration.ofSeconds(2), Duration.ofSeconds(5))).build();
        this.urls = urls;
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
        JsonNode product;
        try {
            product = http.get().uri(urls.of("catalog") + "/api/v1/products/{id}", productId).retrieve().body(JsonNode.class);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw unavailable();
        } catch (RestClientException e) {
            throw unavailable();
        }
        if (!"ACTIVE".equals(product.path("status").asString())) {
            return Optional.empty();
        }
        Map<String, VariantPrice> variants = new LinkedHashMap<>();
        for (JsonNode variant : product.path("variants")) {
            variants.put(variant.path("variant_id").asString(), new VariantPrice(variant.path("name").asString(""),
                    variant.path("price").decimalValue()));
        }
        return Optional.of(new Product(productId, product.path("name").asString(), product.path("unit_price").decimalValue(),
                product.path("currency").asString("USD"), variants));
    }

    private static ApiException unavailable() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                "The catalog cannot be reached to price the order; try again shortly");
    }
}
