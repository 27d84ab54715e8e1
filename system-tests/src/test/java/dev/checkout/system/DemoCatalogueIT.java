package dev.checkout.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.checkout.platform.infra.EmbeddedServers;
import dev.checkout.platform.infra.ServerAddresses;
import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import dev.checkout.platform.testing.ServiceProcess;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The demo store of {@code ./checkout run}: the platform started with {@code checkout.demo-catalogue.enabled} on an
 * empty catalogue shows the demo products with their stock, and a second start on the same data adds nothing and
 * leaves the stock orders have lowered. It runs on servers of its own: the shared ones hold other tests' products (and
 * those tests must never see demo products).
 */
class DemoCatalogueIT {

    static final int DEMO_PRODUCTS = 30;
    /** What the demo store needs: the admin signs in, products go into the catalogue and stock into the inventory. */
    static final String SERVICES = "identity,catalog,inventory";
    static final Map<String, String> ENVIRONMENT = Map.of(
            "CHECKOUT_ADMIN_EMAIL", "demo-admin@localhost",
            "CHECKOUT_ADMIN_PASSWORD", "demo-admin-password",
            "CHECKOUT_DEMO_CATALOGUE_ENABLED", "true");
    // No payments here: a gateway URL keeps the process from starting a simulator on the default port.
    static final List<String> ARGUMENTS = List.of("--gateway-url", "http://127.0.0.1:9");

    @Test
    void anEmptyCatalogueGetsTheDemoStoreOnceAcrossTwoStarts() throws IOException {
        try (EmbeddedServers servers = EmbeddedServers.start(Files.createTempDirectory("demo-catalogue-servers-"))) {
            ServerAddresses addresses = ServerAddresses.of(servers);
            Map<String, String> idsBySku;
            String sold;
            try (ServiceProcess platform = ServiceProcess.start(SERVICES, addresses, ENVIRONMENT, ARGUMENTS)) {
                awaitFillingLogged(platform, "added " + DEMO_PRODUCTS + " products");
                idsBySku = awaitListed(platform);
                assertThat(idsBySku).containsKeys("DEMO-LAP-13AIR", "DEMO-COF-ESP", "DEMO-OUT-TENT2");
                ApiClient admin = admin(platform);
                sold = idsBySku.get("DEMO-LAP-13AIR");
                assertThat(admin.get("/api/v1/admin/inventory/" + sold).json().path("quantity_total").asInt()).isEqualTo(12);
                // As if orders had sold ten of them.
                assertThat(admin.put("/api/v1/admin/inventory/" + sold, Map.of("warehouse_id", "wh_main", "quantity_total", 2)).status())
                        .isEqualTo(200);
                assertThat(platform.api().get("/api/v1/products?q=labtop").json().path("products").valueStream()
                        .map(p -> p.path("sku").asString()).toList()).as("a search with a typo").contains("DEMO-LAP-13AIR");
            }

            try (ServiceProcess again = ServiceProcess.start(SERVICES, addresses, ENVIRONMENT, ARGUMENTS)) {
                awaitFillingLogged(again, "nothing to add");
                assertThat(awaitListed(again)).isEqualTo(idsBySku);
                assertThat(admin(again).get("/api/v1/admin/inventory/" + sold).json().path("quantity_total").asInt()).isEqualTo(2);
            }
        }
    }

    /** The demo products as the storefront's search lists them once the index has them all, by SKU. */
    private static Map<String, String> awaitListed(ServiceProcess platform) {
        return Awaitility.await("the catalogue lists the demo products").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    ApiResponse page = platform.api().get("/api/v1/products?limit=100&in_stock=true");
                    List<JsonNode> products = page.json().path("products").valueStream().toList();
                    return products.stream().collect(Collectors.toMap(p -> p.path("sku").asString(), p -> p.path("product_id").asString()));
                }, listed -> listed.size() == DEMO_PRODUCTS);
    }

    private static void awaitFillingLogged(ServiceProcess platform, String outcome) {
        Awaitility.await("the demo catalogue's filling logs '" + outcome + "'").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> platform.logTail().lines().anyMatch(line -> line.contains("demo catalogue:") && line.contains(outcome)));
    }

    private static ApiClient admin(ServiceProcess platform) {
        ApiResponse login = platform.api().post("/api/v1/auth/login",
                Map.of("email", ENVIRONMENT.get("CHECKOUT_ADMIN_EMAIL"), "password", ENVIRONMENT.get("CHECKOUT_ADMIN_PASSWORD")));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return platform.api().withToken(login.text("/access_token"));
    }
}
