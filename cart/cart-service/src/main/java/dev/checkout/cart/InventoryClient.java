package dev.checkout.cart;

import java.util.HashMap;
import java.util.Map;

import dev.checkout.platform.web.InternalApi;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/** Reads a product's stock from inventory's internal API, for the rare add-to-cart of a product the copy says is sold out. */
@Component
class InventoryClient {

    private final InternalApi services;

    InventoryClient(InternalApi services) {
        this.services = services;
    }

    /** Units available now: of the product, and of each variant that has stock of its own. */
    record Levels(int productAvailable, Map<String, Integer> variantsAvailable) {
    }

    /**
     * The product's levels as inventory's database has them.
     *
     * @throws RestClientException when inventory cannot be asked or does not know the product
     */
    Levels levels(String productId) {
        JsonNode stock = services.get("inventory", "/api/v1/internal/stock/{id}", "not_found", JsonNode.class, productId)
                .orElseThrow(() -> new RestClientException("inventory does not know product " + productId));
        Map<String, Integer> variants = new HashMap<>();
        for (JsonNode place : stock.path("warehouses")) {
            if (place.hasNonNull("variant_id")) {
                variants.merge(place.path("variant_id").asString(), place.path("quantity_available").asInt(), Integer::sum);
            }
        }
        return new Levels(stock.path("quantity_available").asInt(), variants);
    }
}
