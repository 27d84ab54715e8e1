package dev.checkout.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.ServiceHttp;
import dev.checkout.platform.web.ServiceUrls;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/** Looks up what a product (and variant) costs now, through the catalog's public API. */
@Component
class CatalogPrices {

    private static final java.util.regex.Pattern ID_SHAPE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final RestClient http;
    private final ServiceUrls urls;

    CatalogPrices(RestClient.Builder builder, ServiceUrls urls) {
        this.http = builder.requestFactory(ServiceHttp.requests(Duration.ofSeconds(2), Duration.ofSeconds(5))).build();
        this.urls = urls;
    }

    /** A product's name and unit price as sold now. */
    record Price(String productId, String variantId, String name, BigDecimal unitPrice, String currency) {
    }

    /** The price, or empty when the product (or variant) does not exist or is not for sale. */
    Optional<Price> priceOf(String productId, String variantId) {
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
            throw unavailable(e);
        } catch (ResourceAccessException e) {
            throw unavailable(e);
        } catch (RestClientException e) {
            throw unavailable(e);
        }
        if (!"ACTIVE".equals(product.path("status").asString())) {
            return Optional.empty();
        }
        String currency = product.path("currency").asString("USD");
        if (variantId == null) {
            return Optional.of(new Price(productId, null, product.path("name").asString(), product.path("unit_price").decimalValue(), currency));
        }
        for (JsonNode variant : product.path("variants")) {
            if (variantId.equals(variant.path("variant_id").asString())) {
                String name = product.path("name").asString() + (variant.hasNonNull("name") ? " (" + variant.path("name").asString() + ")" : "");
                return Optional.of(new Price(productId, variantId, name, variant.path("price").decimalValue(), currency));
            }
        }
        return Optional.empty();
    }

    private static ApiException unavailable(Exception cause) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                "The catalog cannot be reached to price the order; try again shortly");
    }
}
