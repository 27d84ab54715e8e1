package dev.checkout.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.checkout.platform.web.PageQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Facet counts and ranking checked against a count by hand over a small generated catalogue: every dimension counts
 * the products passing every filter but its own, whichever filters are combined.
 */
class ProductSearchFacetsTest {

    private static final String[] BRANDS = {"Acme", "Globex", "Initech", "Black Mesa"};
    private static final String[] CATEGORIES = {"home/kitchen", "home/furniture", "sports/outdoor", "sports/outdoor/camping"};

    @TempDir
    Path directory;

    private final List<Product> catalogue = new ArrayList<>();
    private final Map<String, Products.Indexed> rows = new LinkedHashMap<>();
    private SearchIndex index;

    @AfterEach
    void stop() {
        if (index != null) {
            index.stop();
        }
    }

    @Test
    void everyFacetCountsWhatPassesTheOtherFiltersWhicheverFiltersAreCombined() {
        generate(400, 7);
        start();
        List<ProductSearch.Query> queries = List.of(
                query("kettle", null, null, null, null, null, null),
                query("kettle", "Acme", null, null, null, null, null),
                query("kettle", null, "sports", null, null, null, null),
                query("kettle", "globex", "sports/outdoor", null, new BigDecimal("300"), null, null),
                query("kettle", null, null, new BigDecimal("25"), new BigDecimal("250"), new BigDecimal("3"), true),
                query("kettle", "Initech", "home", new BigDecimal("50"), null, new BigDecimal("2.5"), false),
                query(null, "Black Mesa", null, null, new BigDecimal("100"), new BigDecimal("4"), null));
        for (ProductSearch.Query query : queries) {
            assertTotalAndFacetsAreTheCountsByHand(query);
        }
    }

    @Test
    void facetsCountTheProductsAsLastIndexedWhenTheyAreSpreadOverSegmentsWithDeletions() {
        generate(300, 11);
        start();
        Random random = new Random(12);
        for (int round = 0; round < 3; round++) { // each refresh writes a segment and deletes the products' older documents
            List<String> changed = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int at = random.nextInt(catalogue.size());
                Product old = catalogue.get(at);
                Product moved = product(old.productId(), old.name(), old.description(), BRANDS[random.nextInt(BRANDS.length)],
                        CATEGORIES[random.nextInt(CATEGORIES.length)], BigDecimal.valueOf(500 + random.nextInt(120_000), 2).toPlainString(),
                        BigDecimal.valueOf(random.nextInt(51), 1).toPlainString(), random.nextBoolean());
                catalogue.set(at, moved);
                rows.put(moved.productId(), new Products.Indexed(moved, 2 + round));
                changed.add(moved.productId());
            }
            index.refresh(changed);
        }

        for (ProductSearch.Query query : List.of(query("kettle", null, null, null, null, null, null),
                query("lamp", "Acme", "home", null, new BigDecimal("600"), new BigDecimal("2"), null))) {
            assertTotalAndFacetsAreTheCountsByHand(query);
        }
    }

    @Test
    void aProductMatchingMoreWordsRanksAboveOneMatchingFewerWhateverTheFields() {
        catalogue.add(product("p1", "Quillimor lamp", "Plain.", "Acme", "home/furniture", "20.00", "0", true));
        catalogue.add(product("p2", "Lamp", "With a zephandor shade and a trellowave base.", "Acme", "home/furniture", "20.00", "0", true));
        catalogue.add(product("p3", "Zephandor Trellowave Quillimor", "Plain.", "Acme", "home/furniture", "20.00", "0", true));
        start();

        List<String> ids = new ProductSearch(index, null, SearchProperties.of(null)).find(query("quillimor zephandor trellowave", null, null, null, null, null, null),
                PageQuery.of(1, 10)).products().stream().map(ProductViews.Summary::productId).toList();

        assertThat(ids).containsExactly("p3", "p2", "p1");
    }

    @Test
    void aSwapOfLettersThatHidesAPluralFromTheStemmerIsStillOneTypo() {
        catalogue.add(product("p1", "Wireless Earbuds", "Small and light.", "Acme", "home/furniture", "20.00", "0", true));
        catalogue.add(product("p2", "Desk Lamp", "Bright.", "Acme", "home/furniture", "20.00", "0", true));
        start();

        List<String> ids = new ProductSearch(index, null, SearchProperties.of(null)).find(query("earbdus", null, null, null, null, null, null),
                PageQuery.of(1, 10)).products().stream().map(ProductViews.Summary::productId).toList();

        assertThat(ids).containsExactly("p1");
    }

    private void assertTotalAndFacetsAreTheCountsByHand(ProductSearch.Query query) {
        ProductSearch.Results results = new ProductSearch(index, null, SearchProperties.of(null)).find(query, PageQuery.of(1, 100));

        assertThat(results.pagination().total()).as("%s total", query).isEqualTo(count(query, null));
        assertThat(labels(results.facets().get("brands"))).as("%s brands", query).isEqualTo(byHand(query, "brand"));
        assertThat(labels(results.facets().get("categories"))).as("%s categories", query).isEqualTo(byHand(query, "category"));
        assertThat(priceRanges(results.facets().get("price_ranges"))).as("%s prices", query).isEqualTo(byHand(query, "price"));
        assertThat(labels(results.facets().get("ratings"), "min")).as("%s ratings", query).isEqualTo(byHand(query, "rating"));
    }

    private static ProductSearch.Query query(String q, String brand, String category, BigDecimal minPrice, BigDecimal maxPrice,
                                             BigDecimal minRating, Boolean inStock) {
        return new ProductSearch.Query(q, category, brand, minPrice, maxPrice, minRating, inStock, null);
    }

    /** The products matching the query's text and every filter but {@code except}'s. */
    private List<Product> matching(ProductSearch.Query query, String except) {
        Predicate<Product> text = p -> query.q() == null || p.name().toLowerCase().contains(query.q());
        Predicate<Product> brand = p -> query.brand() == null || "brand".equals(except) || p.brand().equalsIgnoreCase(query.brand());
        Predicate<Product> category = p -> query.category() == null || "category".equals(except)
                || (p.categoryPath() + "/").startsWith(query.category() + "/");
        Predicate<Product> price = p -> "price".equals(except)
                || ((query.minPrice() == null || p.basePrice().compareTo(query.minPrice()) >= 0)
                && (query.maxPrice() == null || p.basePrice().compareTo(query.maxPrice()) <= 0));
        Predicate<Product> rating = p -> query.minRating() == null || "rating".equals(except) || p.rating().compareTo(query.minRating()) >= 0;
        Predicate<Product> stock = p -> query.inStock() == null || (p.availableQuantity() > 0) == query.inStock();
        return catalogue.stream().filter(text.and(brand).and(category).and(price).and(rating).and(stock)).toList();
    }

    private long count(ProductSearch.Query query, String except) {
        return matching(query, except).size();
    }

    private Map<String, Long> byHand(ProductSearch.Query query, String dimension) {
        Map<String, Long> counts = new TreeMap<>();
        for (Product product : matching(query, dimension)) {
            switch (dimension) {
                case "brand" -> counts.merge(product.brand(), 1L, Long::sum);
                case "category" -> counts.merge(product.categoryPath(), 1L, Long::sum);
                case "price" -> counts.merge(bucket(product.basePrice()), 1L, Long::sum);
                default -> {
                    for (int min = 1; min <= 4; min++) {
                        counts.merge(Integer.toString(min), product.rating().compareTo(BigDecimal.valueOf(min)) >= 0 ? 1L : 0L, Long::sum);
                    }
                }
            }
        }
        if (dimension.equals("rating")) {
            for (int min = 1; min <= 4; min++) {
                counts.putIfAbsent(Integer.toString(min), 0L);
            }
        }
        return counts;
    }

    private static String bucket(BigDecimal price) {
        int[] bounds = {0, 25, 50, 100, 250, 500, 1000};
        for (int i = bounds.length - 1; i >= 0; i--) {
            if (price.compareTo(BigDecimal.valueOf(bounds[i])) >= 0) {
                return bounds[i] + "-" + (i + 1 < bounds.length ? Integer.toString(bounds[i + 1]) : "");
            }
        }
        throw new IllegalArgumentException(price.toPlainString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> labels(Object facet) {
        return labels(facet, "name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> labels(Object facet, String key) {
        Map<String, Long> counts = new TreeMap<>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) facet) {
            counts.put(entry.get(key).toString(), ((Number) entry.get("count")).longValue());
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> priceRanges(Object facet) {
        Map<String, Long> counts = new TreeMap<>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) facet) {
            BigDecimal max = (BigDecimal) entry.get("max");
            counts.put(((BigDecimal) entry.get("min")).intValue() + "-" + (max == null ? "" : Integer.toString(max.intValue())),
                    ((Number) entry.get("count")).longValue());
        }
        return counts;
    }

    private void generate(int count, long seed) {
        Random random = new Random(seed);
        String[] nouns = {"kettle", "toaster", "lamp"};
        for (int i = 0; i < count; i++) {
            String price = BigDecimal.valueOf(500 + random.nextInt(120_000), 2).toPlainString();
            String rating = BigDecimal.valueOf(random.nextInt(51), 1).toPlainString();
            catalogue.add(product("p" + i, BRANDS[random.nextInt(BRANDS.length)] + " " + nouns[random.nextInt(nouns.length)] + " " + i,
                    "Made to last.", BRANDS[random.nextInt(BRANDS.length)], CATEGORIES[random.nextInt(CATEGORIES.length)], price, rating,
                    random.nextBoolean()));
        }
    }

    private static Product product(String id, String name, String description, String brand, String category, String price,
                                   String rating, boolean inStock) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new Product(id, "SKU-" + id, name, description, brand, category, new BigDecimal(price), null, null, null, "USD", Map.of(),
                "ACTIVE", new BigDecimal(rating), 1, inStock ? 5 : 0, 1, List.of(), now, now);
    }

    @SuppressWarnings("unchecked")
    private void start() {
        catalogue.forEach(product -> rows.put(product.productId(), new Products.Indexed(product, 1)));
        Products products = mock(Products.class);
        when(products.streamForIndex()).thenAnswer(call -> List.copyOf(rows.values()).stream());
        when(products.activeRevisions()).thenReturn(Map.of());
        when(products.findAllForIndex(anyCollection())).thenAnswer(call -> ((Collection<String>) call.getArgument(0)).stream()
                .filter(rows::containsKey).map(rows::get).toList());
        when(products.popularity()).thenReturn(Map.of());
        try {
            index = new SearchIndex(products, new Suggestions(), SearchProperties.of(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        index.start();
    }
}
