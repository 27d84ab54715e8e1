package dev.checkout.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;

/** Someone using carts through the public API: a guest ({@code userId} null) or a logged-in user. */
record Shopper(String userId, ApiClient api) {

    /** {@code POST /carts}; returns the cart's id. */
    String cart() {
        ApiResponse opened = api.post("/api/v1/carts", null);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.text("/cart_id");
    }

    ApiResponse add(String cartId, String productId, int quantity) {
        return api.post("/api/v1/carts/" + cartId + "/items", Map.of("product_id", productId, "quantity", quantity));
    }

    ApiResponse addVariant(String cartId, String productId, String variantId, int quantity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product_id", productId);
        body.put("variant_id", variantId);
        body.put("quantity", quantity);
        return api.post("/api/v1/carts/" + cartId + "/items", body);
    }

    /** Adds and insists it worked; returns the cart as answered. */
    ApiResponse added(String cartId, String productId, int quantity) {
        ApiResponse added = add(cartId, productId, quantity);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added;
    }

    ApiResponse view(String cartId) {
        return api.get("/api/v1/carts/" + cartId);
    }

    ApiResponse checkout(String cartId, String holderId) {
        return api.post("/api/v1/carts/" + cartId + "/checkout", Map.of("holder_id", holderId));
    }
}
