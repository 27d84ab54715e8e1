package dev.checkout.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.StockLevelChanged;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import dev.checkout.platform.testing.CheckoutIntegrationTest;
import dev.checkout.platform.web.TokenIssuer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Search through HTTP: relevance, typos, facets, suggestions, and an index that follows changes and can be rebuilt. */
@CheckoutIntegrationTest(classes = CatalogTestApplication.class)
class SearchIT {

    @LocalServerPort
    int port;

    @Autowired
    TokenIssuer tokens;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Products products;

    ApiClient anyone() {
        return ApiClient.atPort(port);
    }

    ApiClient admin() {
        return anyone().withToken(tokens.issue(Ids.newId("user"), "admin@example.com", List.of("ADMIN", "USER")).value());
    }

    /** A made-up word no other test uses; no "s", so plural stripping leaves it and its typos alone. */
    static String word(int letters) {
        String alphabet = "bcdfghjklmnpqrtvwxz";
        String vowels = "aeiou";
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < letters; i++) {
            String from = i % 2 == 0 ? alphabet : vowels;
            word.append(from.charAt(ThreadLocalRandom.current().nextInt(from.length())));
        }
        return word.toString();
    }

    static Map<String, Object> product(String name, String description, String brand, String category, String price) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("sku", "SKU-" + Ids.newId("s").substring(2, 18));
        product.put("name", name);
        product.put("description", description);
        product.put("brand", brand);
        product.put("category_path", category);
        product.put("base_price", new BigDecimal(price));
        return product;
    }

    String created(Map<String, Object> product) {
        ApiResponse created = admin().post("/api/v1/admin/products", product);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("/product_id");
    }

    List<String> found(String query) {
        ApiResponse list = anyone().get("/api/v1/products?limit=100&" + query);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().path("products").findValuesAsString("product_id");
    }

    @Test
    void aNameMatchRanksAboveABrandMatchWhichRanksAboveADescriptionMatch() {
        String term = word(9);
        String inDescription = created(product("Plain lamp", "Goes well with a " + term + " on the side", "Acme", "home/lamps", "10.00"));
        String inBrand = created(product("Plain chair", "A chair", term, "home/chairs", "10.00"));
        String inName = created(product(term + " lamp", "A lamp", "Acme", "home/lamps", "10.00"));

        assertThat(found("q=" + term)).containsExactly(inName, inBrand, inDescription);
    }

    @Test
    void productsMatchingEveryWordComeFirstThenThoseMatchingSome() {
        String first = word(7);
        String second = word(7);
        String onlyFirst = created(product(first + " kettle", "A kettle", "Acme", "kitchen", "10.00"));
        String both = created(product(first + " kettle", "Pairs with " + second, "Acme", "kitchen", "10.00"));
        String onlySecond = created(product("Toaster", "Pairs with " + second, "Acme", "kitchen", "10.00"));

        assertThat(found("q=" + first + "+" + second)).containsExactly(both, onlyFirst, onlySecond);
    }

    @Test
    void aWordMayCarryOneTypoAndALongWordTwo() {
        String shortWord = word(6);
        String longWord = word(9);
        String speaker = created(product(shortWord + " speaker", "Loud", "Acme", "audio", "10.00"));
        String headphones = created(product(longWord + " headphones", "Quiet", "Acme", "audio", "10.00"));

        assertThat(found("q=" + replaced(shortWord, 3))).containsExactly(speaker);
        assertThat(found("q=" + swapped(shortWord, 2))).containsExactly(speaker);
        assertThat(found("q=" + replaced(replaced(shortWord, 2), 4))).doesNotContain(speaker);
        assertThat(found("q=" + replaced(replaced(longWord, 2), 6))).containsExactly(headphones);
        assertThat(found("q=" + replaced(replaced(replaced(longWord, 2), 4), 6))).doesNotContain(headphones);
    }

    @Test
    void eachFacetCountsWhatPassesTheOtherFilters() {
        String term = word(8);
        String root = "facet" + word(5);
        String brandA = "Alpha" + word(4);
        String brandB = "Beta" + word(4);
        created(product(term + " one", "x", brandA, root + "/small", "10.00"));
        created(product(term + " two", "x", brandA, root + "/large", "30.00"));
        created(product(term + " three", "x", brandB, root + "/large", "60.00"));

        JsonNode everything = anyone().get("/api/v1/products?q=" + term).json();
        assertThat(everything.at("/pagination/total").asInt()).isEqualTo(3);
        assertThat(counts(everything.at("/facets/brands"))).containsExactly(Map.entry(brandA, 2L), Map.entry(brandB, 1L));
        assertThat(counts(everything.at("/facets/categories")))
                .containsExactly(Map.entry(root + "/large", 2L), Map.entry(root + "/small", 1L));
        assertThat(everything.at("/facets/price_ranges").findValues("count")).extracting(JsonNode::asLong).containsExactly(1L, 1L, 1L);
        assertThat(everything.at("/facets/price_ranges/0/min").decimalValue()).isEqualByComparingTo("0");
        assertThat(everything.at("/facets/price_ranges/0/max").decimalValue()).isEqualByComparingTo("25");
        assertThat(everything.at("/facets/ratings").findValues("min")).extracting(JsonNode::asInt).containsExactly(4, 3, 2, 1);

        JsonNode oneBrand = anyone().get("/api/v1/products?q=" + term + "&brand=" + brandA.toLowerCase()).json();
        assertThat(oneBrand.at("/pagination/total").asInt()).isEqualTo(2);
        assertThat(counts(oneBrand.at("/facets/brands"))).containsExactly(Map.entry(brandA, 2L), Map.entry(brandB, 1L));
        assertThat(counts(oneBrand.at("/facets/categories")))
                .containsExactly(Map.entry(root + "/large", 1L), Map.entry(root + "/small", 1L));
        assertThat(oneBrand.at("/facets/price_ranges").findValues("count")).extracting(JsonNode::asLong).containsExactly(1L, 1L);

        JsonNode subtree = anyone().get("/api/v1/products?q=" + term + "&category=" + root + "&min_price=20").json();
        assertThat(subtree.at("/pagination/total").asInt()).isEqualTo(2);
        assertThat(counts(subtree.at("/facets/brands"))).containsExactly(Map.entry(brandA, 1L), Map.entry(brandB, 1L));
        assertThat(subtree.at("/facets/price_ranges").findValues("count")).extracting(JsonNode::asLong).containsExactly(1L, 1L, 1L);
        assertThat(found("q=" + term + "&category=" + root + "/large")).hasSize(2);
    }

    @Test
    void theIndexFollowsAProductChange() {
        String before = word(8);
        String after = word(8);
        String productId = created(product(before + " mug", "A mug", "Acme", "kitchen", "10.00"));
        assertThat(found("q=" + before)).containsExactly(productId);

        admin().patch("/api/v1/admin/products/" + productId, Map.of("name", after + " mug", "base_price", new BigDecimal("99.00")));

        // The index takes a product change before the admin's answer is sent, so searches show it at once.
        assertThat(found("q=" + after + "&min_price=99")).containsExactly(productId);
        assertThat(found("q=" + before)).isEmpty();
        admin().patch("/api/v1/admin/products/" + productId, Map.of("status", "INACTIVE"));
        assertThat(found("q=" + after)).isEmpty();
    }

    @Test
    void theIndexFollowsStockEventsFromInventory() {
        String term = word(8);
        String productId = created(product(term + " torch", "Bright", "Acme", "outdoor", "10.00"));
        assertThat(found("q=" + term + "&in_stock=true")).isEmpty();

        new OtherServices(kafka, json).publish(InventoryTopics.EVENTS, productId, "StockLevelChanged",
                new StockLevelChanged(productId, null, 5, 0, 5, 5));
        Awaitility.await("in stock in search").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> found("q=" + term + "&in_stock=true").contains(productId));

        new OtherServices(kafka, json).publish(InventoryTopics.EVENTS, productId, "StockLevelChanged",
                new StockLevelChanged(productId, null, 5, 5, 0, 0));
        Awaitility.await("out of stock in search").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> found("q=" + term + "&in_stock=false").contains(productId));
        assertThat(found("q=" + term + "&in_stock=true")).isEmpty();
    }

    @Test
    void aStockLevelReindexesTheProductOnlyWhenItGoesInOrOutOfStockOrHasASaleWindow() {
        String plain = created(product(word(8) + " lamp", "Warm", "Acme", "home", "10.00"));

        assertThat(products.updateAvailability(plain, null, 5, 0)).as("in stock").isTrue();
        assertThat(products.updateAvailability(plain, null, 3, 0)).as("fewer units, still in stock").isFalse();
        assertThat(products.updateAvailability(plain, null, 0, 0)).as("sold out").isTrue();
        assertThat(products.updateAvailability(plain, null, 0, 0)).as("still sold out").isFalse();
        assertThat(products.updateAvailability(Ids.newId("prod"), null, 5, 0)).as("a product the catalog does not know").isFalse();

        Map<String, Object> onSale = product(word(8) + " lamp", "Warm", "Acme", "home", "10.00");
        onSale.put("sale_price", new BigDecimal("8.00"));
        onSale.put("sale_starts_at", Instant.now().plus(Duration.ofDays(1)).toString());
        String windowed = created(onSale);
        products.updateAvailability(windowed, null, 5, 0);
        assertThat(products.updateAvailability(windowed, null, 4, 0)).as("its price in force is taken when it is indexed").isTrue();
        assertThat(jdbc.sql("select available_quantity from catalog.products where product_id = :id").param("id", plain)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aRebuildTakesInWhatTheTablesHold() {
        String term = word(8);
        String productId = Ids.newId("prod");
        // Written behind the catalog's back, as a restore from backup would: the index cannot know until it is rebuilt.
        jdbc.sql("insert into catalog.products (product_id, sku, name, base_price) values (:id, :sku, :name, 12.50)")
                .param("id", productId).param("sku", "SKU-" + productId).param("name", term + " clock").update();
        assertThat(found("q=" + term)).isEmpty();

        assertThat(anyone().withToken(tokens.issue(Ids.newId("user"), "c@example.com", List.of("USER")).value())
                .post("/api/v1/admin/search/reindex", Map.of()).status()).isEqualTo(403);
        ApiResponse reindex = admin().post("/api/v1/admin/search/reindex", Map.of());

        assertThat(reindex.status()).isEqualTo(202);
        Awaitility.await("the rebuilt index").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> found("q=" + term).contains(productId));
    }

    @Test
    void suggestionsCompleteTheLastWordMostOrderedFirstAndForgiveATypo() {
        String stem = word(6);
        String ordered = stem + "alpha";
        String many = stem + "beta";
        String orderedId = created(product(ordered + " gadget", "x", "Acme", "gadgets", "10.00"));
        created(product(many + " gadget", "x", "Acme", "gadgets", "10.00"));
        created(product(many + " widget", "x", "Acme", "gadgets", "10.00"));

        Awaitility.await("suggestions by product count").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> suggest(stem), s -> s.indexOf(many) >= 0 && s.indexOf(ordered) > s.indexOf(many));
        new OtherServices(kafka, json).orderOf(Ids.newId("user"), false, 3, orderedId);

        List<String> byPopularity = Awaitility.await("suggestions by orders").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> suggest(stem), s -> s.indexOf(ordered) >= 0 && s.indexOf(ordered) < s.indexOf(many));
        assertThat(byPopularity).allMatch(s -> s.startsWith(stem)).contains(ordered + " gadget");
        assertThat(suggest(replaced(stem, 3))).contains(ordered, many);
        assertThat(suggest("red " + stem)).contains("red " + ordered);
        assertThat(anyone().get("/api/v1/search/suggest").code()).isEqualTo("validation_failed");
        assertThat(anyone().get("/api/v1/search/suggest?q=a&limit=0").status()).isEqualTo(400);
    }

    @Test
    void badSearchParametersAreRefused() {
        assertThat(anyone().get("/api/v1/products?min_rating=6").status()).isEqualTo(400);
        assertThat(anyone().get("/api/v1/products?sort=cheapest").code()).isEqualTo("validation_failed");
        assertThat(anyone().get("/api/v1/products?min_price=-1").status()).isEqualTo(400);
    }

    private List<String> suggest(String q) {
        ApiResponse response = anyone().get("/api/v1/search/suggest?limit=20&q=" + q.replace(" ", "+"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("suggestions").valueStream().map(JsonNode::asString).toList();
    }

    private static Map<String, Long> counts(JsonNode facet) {
        Map<String, Long> counts = new LinkedHashMap<>();
        facet.forEach(entry -> counts.put(entry.path("name").asString(), entry.path("count").asLong()));
        return counts;
    }

    private static String replaced(String word, int at) {
        char replacement = word.charAt(at) == 'y' ? 'w' : 'y';
        return word.substring(0, at) + replacement + word.substring(at + 1);
    }

    private static String swapped(String word, int at) {
        return word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
    }
}
