package dev.checkout.app.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.checkout.platform.web.ServiceHttp;
import dev.checkout.platform.web.ServiceUrls;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The public admin API over HTTP, at the URL of the service that answers each path, signed in as the development
 * admin: the demo store goes in the way an admin's own products would, through identity, catalog and inventory.
 */
class AdminApi implements DemoCatalogueFilling.Shop {

    private final RestClient http;
    private final ServiceUrls urls;
    private final DemoCatalogueFilling.Admin admin;
    private String token;

    AdminApi(RestClient.Builder builder, ServiceUrls urls, DemoCatalogueFilling.Admin admin) {
        this.http = builder.requestFactory(ServiceHttp.requests(Duration.ofSeconds(2), Duration.ofSeconds(30))).build();
        this.urls = urls;
        this.admin = admin;
    }

    @Override
    public DemoCatalogueFilling.Catalogue catalogue() {
        JsonNode page = http.get().uri(urls.of("catalog") + "/api/v1/products?sort=newest&limit=100")
                .retrieve().body(JsonNode.class);
        List<String> skus = page.path("products").valueStream().map(p -> p.path("sku").asString()).toList();
        return new DemoCatalogueFilling.Catalogue(page.path("pagination").path("total").asLong(), skus);
    }

    @Override
    public Optional<String> create(DemoCatalogue.Product product) {
        return http.post().uri(urls.of("catalog") + "/api/v1/admin/products")
                .header("Authorization", "Bearer " + token()).contentType(MediaType.APPLICATION_JSON)
                .body(product.creation())
                .exchange((request, response) -> {
                    JsonNode body = response.bodyTo(JsonNode.class);
                    if (response.getStatusCode().value() == 201) {
                        return Optional.of(body.path("product_id").asString());
                    }
                    if (response.getStatusCode().value() == 409 && body != null && "sku_taken".equals(body.path("code").asString())) {
                        return Optional.empty();
                    }
                    throw new IllegalStateException("creating " + product.sku() + " answered " + response.getStatusCode() + " " + body);
                });
    }

    @Override
    public void stock(String productId, String warehouseId, int units) {
        http.put().uri(urls.of("inventory") + "/api/v1/admin/inventory/{id}", productId)
                .header("Authorization", "Bearer " + token()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("warehouse_id", warehouseId, "quantity_total", units))
                .retrieve().toBodilessEntity();
    }

    private String token() {
        if (token == null) {
            JsonNode login = http.post().uri(urls.of("identity") + "/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("email", admin.email(), "password", admin.password()))
                    .retrieve().body(JsonNode.class);
            token = login.path("access_token").asString();
        }
        return token;
    }
}
