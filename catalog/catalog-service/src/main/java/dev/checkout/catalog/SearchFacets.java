package dev.checkout.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Facet counts for a search as the contract shows them: brands, categories (one entry per full path), disjoint price
 * ranges on the price in force, and cumulative rating thresholds; each counted by {@link FacetedCollection} among
 * the products that pass every filter but the dimension's own.
 */
final class SearchFacets {

    private SearchFacets() {
    }

    static Map<String, Object> of(FacetedCollection.Counted counted) {
        Map<String, Object> facets = new LinkedHashMap<>();
        facets.put("brands", labels(counted.brands()));
        facets.put("price_ranges", priceRanges(counted.prices()));
        facets.put("categories", labels(counted.categories()));
        facets.put("ratings", ratings(counted.ratings()));
        return facets;
    }

    /** Most products first, then by name. */
    private static List<Map<String, Object>> labels(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(entry -> entry.getValue() > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, Long> entry) -> -entry.getValue()).thenComparing(Map.Entry::getKey))
                .map(entry -> Map.<String, Object>of("name", entry.getKey(), "count", entry.getValue())).toList();
    }

    private static List<Map<String, Object>> priceRanges(long[] counts) {
        long[] bounds = FacetedCollection.PRICE_BOUNDS_CENTS;
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (int i = 0; i < bounds.length; i++) {
            if (counts[i] > 0) {
                Map<String, Object> bucket = new LinkedHashMap<>();
                bucket.put("min", BigDecimal.valueOf(bounds[i], 2));
                bucket.put("max", i + 1 < bounds.length ? BigDecimal.valueOf(bounds[i + 1], 2) : null);
                bucket.put("count", counts[i]);
                buckets.add(bucket);
            }
        }
        return buckets;
    }

    private static List<Map<String, Object>> ratings(long[] counts) {
        List<Map<String, Object>> thresholds = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            thresholds.add(Map.of("min", FacetedCollection.RATING_THRESHOLDS[i], "count", counts[i]));
        }
        return thresholds;
    }
}
