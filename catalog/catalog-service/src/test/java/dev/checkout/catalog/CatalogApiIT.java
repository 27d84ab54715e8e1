package dev.checkout.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.checkout.catalog.api.CatalogTopics;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.StockLevelChanged;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.messaging.Envelope;
import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import dev.checkout.platform.testing.CheckoutIntegrationTest;
import dev.checkout.platform.testing.SharedServers;
import dev.checkout.platform.testing.TopicDump;
import dev.checkout.platform.web.TokenIssuer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The catalog through HTTP: admins create and merge-patch products; anyone reads, filters and pages them. */
@CheckoutIntegrationTest(classes = CatalogTestApplication.class)
class CatalogApiIT {

    @LocalServerPort
    int port;

    @Autowired
    TokenIssuer tokens;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    ApiClient anyone() {
        return ApiClient.atPort(port);
    }

    ApiClient admin() {
        return anyone().withToken(tokens.issue(Ids.newId("user"), "admin@example.com", List.of("ADMIN", "USER")).value());
    }

    ApiClient customer() {
        return anyone().withToken(tokens.issue(Ids.newId("user"), "customer@example.com", List.of("USER")).value());
    }

    /** A valid new product: a fresh SKU, the given brand and price, in {@code tools/widgets}. */
    static Map<String, Object> product(String brand, String price) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("sku", "SKU-" + Ids.newId("s").substring(2, 18));
        product.put("name", brand + " widget");
        product.put("description", "A widget by " + brand);
        product.put("brand", brand);
        product.put("category_path", "tools/widgets");
        product.put("base_price", new BigDecimal(price));
        return product;
    }

    String created(Map<String, Object> product) {
        ApiResponse created = admin().post("/api/v1/admin/products", product);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("/product_id");
    }

    @Test
    void anAdminCreatesAProductWithVariantsAndAnyoneCanReadIt() {
        Map<String, Object> product = product("Acme", "20.00");
        product.put("sale_price", new BigDecimal("15.00"));
        product.put("attributes", Map.of("material", "steel"));
        product.put("variants", List.of(Map.of("sku", product.get("sku") + "-L", "name", "Large",
                "attributes", Map.of("size", "L"), "price_modifier", new BigDecimal("2.50"))));

        ApiResponse created = admin().post("/api/v1/admin/products", product);
        ApiResponse read = anyone().get("/api/v1/products/" + created.text("/product_id"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("/product_id")).matches("prod_[0-9a-f]{32}");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("/name")).isEqualTo("Acme widget");
        assertThat(read.text("/description")).isEqualTo("A widget by Acme");
        assertThat(read.text("/category_path")).isEqualTo("tools/widgets");
        assertThat(read.json().path("sale_price").decimalValue()).isEqualByComparingTo("15.00");
        assertThat(read.text("/currency")).isEqualTo("USD");
        assertThat(read.text("/attributes/material")).isEqualTo("steel");
        assertThat(read.json().path("available_quantity").asInt()).isZero();
        assertThat(read.text("/variants/0/variant_id")).startsWith("var_");
        assertThat(read.text("/variants/0/attributes/size")).isEqualTo("L");
        assertThat(read.json().at("/variants/0/price").decimalValue()).isEqualByComparingTo("17.50");
        assertThat(read.json().at("/variants/0/available_quantity").asInt()).isZero();
    }

    @Test
    void badProductsAreRefusedWithTheFieldNamedAndCreateNothing() {
        ApiResponse malformed = admin().send("POST", "/api/v1/admin/products", "{\"sku\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("validation_failed");

        Map<String, Object> noSku = product("Acme", "1.00");
        noSku.remove("sku");
        assertThat(admin().post("/api/v1/admin/products", noSku).text("/errors/0/field")).isEqualTo("sku");
        assertThat(admin().post("/api/v1/admin/products", product("Acme", "-1.00")).text("/errors/0/field")).isEqualTo("base_price");
        Map<String, Object> wrongType = product("Acme", "1.00");
        wrongType.put("base_price", "cheap");
        assertThat(admin().post("/api/v1/admin/products", wrongType).text("/errors/0/field")).isEqualTo("base_price");
        Map<String, Object> dearSale = product("Acme", "1.00");
        dearSale.put("sale_price", new BigDecimal("2.00"));
        assertThat(admin().post("/api/v1/admin/products", dearSale).text("/errors/0/field")).isEqualTo("sale_price");
    }

    @Test
    void aSkuThatIsTakenIsAConflict() {
        Map<String, Object> first = product("Acme", "1.00");
        created(first);
        Map<String, Object> second = product("Acme", "2.00");
        second.put("sku", first.get("sku"));

        ApiResponse taken = admin().post("/api/v1/admin/products", second);

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("sku_taken");
    }

    @Test
    void aMergePatchChangesWhatItNamesAndNullClears() {
        Map<String, Object> product = product("Acme", "30.00");
        product.put("sale_price", new BigDecimal("25.00"));
        String productId = created(product);
        String path = "/api/v1/admin/products/" + productId;

        ApiResponse renamed = admin().patch(path, Map.of("name", "Acme widget II", "base_price", new BigDecimal("32.00")));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.text("/name")).isEqualTo("Acme widget II");
        assertThat(renamed.json().path("base_price").decimalValue()).isEqualByComparingTo("32.00");
        assertThat(renamed.json().path("sale_price").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(renamed.text("/brand")).isEqualTo("Acme");
        assertThat(renamed.json().path("version").asLong()).isEqualTo(2);

        ApiResponse cleared = admin().send("PATCH", path, "{\"sale_price\": null, \"description\": null}");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().path("sale_price").isNull()).isTrue();
        assertThat(cleared.json().path("description").isNull()).isTrue();
        assertThat(anyone().get("/api/v1/products/" + productId).json().path("unit_price").decimalValue()).isEqualByComparingTo("32.00");

        assertThat(admin().send("PATCH", path, "{\"name\": null}").text("/errors/0/field")).isEqualTo("name");
        assertThat(admin().send("PATCH", path, "{\"name\": ").status()).isEqualTo(400);
        assertThat(admin().send("PATCH", path, "[]").status()).isEqualTo(400);
        assertThat(admin().patch("/api/v1/admin/products/prod_00000000000000000000000000000000", Map.of("name", "x")).status())
                .isEqualTo(404);
        assertThat(anyone().get("/api/v1/products/" + productId).text("/name")).isEqualTo("Acme widget II");
    }

    @Test
    void onlyAnAdminWritesProducts() {
        String productId = created(product("Acme", "1.00"));

        assertThat(customer().post("/api/v1/admin/products", product("Acme", "1.00")).status()).isEqualTo(403);
        assertThat(anyone().post("/api/v1/admin/products", product("Acme", "1.00")).status()).isEqualTo(401);
        assertThat(customer().patch("/api/v1/admin/products/" + productId, Map.of("name", "mine")).status()).isEqualTo(403);
        assertThat(anyone().get("/api/v1/products/" + productId).text("/name")).isEqualTo("Acme widget");
    }

    @Test
    void anUnknownProductIsNotFoundWhateverTheShapeOfItsId() {
        for (String id : new String[] {"prod_00000000000000000000000000000000", "nope", "prod_%20x"}) {
            ApiResponse missing = anyone().get("/api/v1/products/" + id);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.code()).isEqualTo("not_found");
        }
    }

    @Test
    void theListFiltersByCategoryBrandPriceAndStockAndPages() {
        String brand = "Brand" + Ids.newId("b").substring(2, 12);
        String cheap = created(product(brand, "5.00"));
        String middle = created(product(brand, "50.00"));
        Map<String, Object> elsewhere = product(brand, "500.00");
        elsewhere.put("category_path", "garden/" + brand);
        String dear = created(elsewhere);
        stockArrives(middle, 3);

        assertThat(ids(anyone().get("/api/v1/products?brand=" + brand + "&sort=price_asc"))).containsExactly(cheap, middle, dear);
        assertThat(ids(anyone().get("/api/v1/products?brand=" + brand + "&category=tools"))).containsExactlyInAnyOrder(cheap, middle);
        assertThat(ids(anyone().get("/api/v1/products?brand=" + brand + "&min_price=10&max_price=100"))).containsExactly(middle);
        assertThat(ids(anyone().get("/api/v1/products?brand=" + brand + "&in_stock=true"))).containsExactly(middle);

        ApiResponse page = anyone().get("/api/v1/products?brand=" + brand + "&sort=price_asc&page=2&limit=2");
        assertThat(ids(page)).containsExactly(dear);
        assertThat(page.json().at("/pagination/total").asInt()).isEqualTo(3);
        assertThat(page.json().at("/pagination/total_pages").asInt()).isEqualTo(2);
        // The brand facet follows the other filters only, so it lists other brands beside the one filtered on.
        assertThat(page.json().at("/facets/brands").valueStream()
                .filter(b -> b.path("name").asString().equals(brand)).map(b -> b.path("count").asLong()).toList()).containsExactly(3L);

        assertThat(anyone().get("/api/v1/products?limit=101").status()).isEqualTo(400);
        assertThat(anyone().get("/api/v1/products?min_price=abc").status()).isEqualTo(400);
        assertThat(anyone().get("/api/v1/products?min_price=10&max_price=1").status()).isEqualTo(400);
        assertThat(ids(anyone().get("/api/v1/products?brand=" + brand + "&max_price=999999999999999999"))).hasSize(3);
    }

    @Test
    void aPriceOrRatingBoundWithAnExponentNoPriceHasIsRefusedAtOnceNotWorkedOut() {
        for (String absurd : new String[] {"max_price=5E%2B500000000", "min_price=1E-500000000", "min_rating=1E-500000000"}) {
            ApiResponse refused = anyone().get("/api/v1/products?" + absurd);

            assertThat(refused.status()).as(absurd).isEqualTo(400);
            assertThat(refused.json().path("detail").asString()).as(absurd).isEqualTo("A parameter is out of range");
            assertThat(refused.json().at("/errors/0/message").asString()).as(absurd).contains("at most 18 digits");
        }
    }

    @Test
    void theCategoriesFormATree() {
        String root = "root" + Ids.newId("c").substring(2, 12);
        Map<String, Object> product = product("Acme", "1.00");
        product.put("category_path", root + "/child/grandchild");
        created(product);

        JsonNode tree = anyone().get("/api/v1/categories").json().path("categories");

        JsonNode node = null;
        for (JsonNode category : tree) {
            if (root.equals(category.path("name").asString())) {
                node = category;
            }
        }
        assertThat(node).as("top-level category " + root).isNotNull();
        assertThat(node.at("/children/0/name").asString()).isEqualTo("child");
        assertThat(node.at("/children/0/children/0/path").asString()).isEqualTo(root + "/child/grandchild");
    }

    @Test
    void everyChangeIsAnnouncedWithItsVersionKeyedByProduct() {
        String productId = created(product("Acme", "9.00"));
        admin().patch("/api/v1/admin/products/" + productId, Map.of("base_price", new BigDecimal("10.00")));

        List<JsonNode> announced = Awaitility.await("both versions of " + productId + " on " + CatalogTopics.EVENTS)
                .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> TopicDump.read(SharedServers.addresses().kafkaBootstrapServers(), CatalogTopics.EVENTS).stream()
                        .filter(message -> productId.equals(message.key()))
                        .map(message -> json.readTree(message.value())).toList(), messages -> messages.size() == 2);

        assertThat(announced).extracting(m -> m.path("event_type").asString()).containsOnly("ProductChanged");
        assertThat(announced).extracting(m -> m.at("/payload/version").asLong()).containsExactly(1L, 2L);
        assertThat(announced.get(1).at("/payload/base_price").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(announced.get(1).at("/payload/description").asString()).isEqualTo("A widget by Acme");
    }

    /** Inventory announces stock for the product; the catalog shows it once it has read the event. */
    private void stockArrives(String productId, int units) {
        Envelope envelope = new Envelope(Ids.newId("evt"), "StockLevelChanged", null, null, Instant.now(), "test", null,
                "inventory-service", 1, json.valueToTree(new StockLevelChanged(productId, null, units, 0, units, units)));
        try {
            kafka.send(InventoryTopics.EVENTS, productId, json.writeValueAsString(envelope)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Awaitility.await("stock of " + productId).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> anyone().get("/api/v1/products/" + productId).json().path("available_quantity").asInt() == units);
        String brand = anyone().get("/api/v1/products/" + productId).text("/brand");
        Awaitility.await("the search index shows " + productId + " in stock").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> ids(anyone().get("/api/v1/products?in_stock=true&limit=100&brand=" + brand)).contains(productId) == (units > 0));
    }

    private static List<String> ids(ApiResponse list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().path("products").findValuesAsString("product_id");
    }
}
