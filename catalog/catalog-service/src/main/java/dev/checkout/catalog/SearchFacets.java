package dev.checkout.catalog;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.range.LongRange;
import org.apache.lucene.facet.range.LongRangeFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.search.Query;

/**
 * Facet counts for a search: brands, categories (one entry per full path), disjoint price ranges on the price in
 * force, and cumulative rating thresholds. Each dimension counts the products that pass every filter but its own;
 * dimensions whose own filter is absent share one collection pass with the results.
 */
final class SearchFacets {

    private static final long[] PRICE_BOUNDS_CENTS = {0, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000};
    private static final int[] RATING_THRESHOLDS = {4, 3, 2, 1};

    private SearchFacets() {
    }

    static Map<String, Object> count(FacetedSearcher searcher, SearchQueries.Parts parts, FacetsCollector all)
            throws IOException {
        Map<Query, FacetsCollector> passes = new HashMap<>();
        // Brands and categories share one doc-values field: one count over a set of hits serves both.
        Map<FacetsCollector, Facets> labelCounts = new IdentityHashMap<>();
        Map<String, Object> facets = new LinkedHashMap<>();
        facets.put("brands", labels(searcher, collect(searcher, parts, SearchQueries.Dimension.BRAND, all, passes),
                SearchDocuments.FACET_BRAND, labelCounts));
        facets.put("price_ranges", priceRanges(collect(searcher, parts, SearchQueries.Dimension.PRICE, all, passes)));
        facets.put("categories", labels(searcher, collect(searcher, parts, SearchQueries.Dimension.CATEGORY, all, passes),
                SearchDocuments.FACET_CATEGORY, labelCounts));
        facets.put("ratings", ratings(collect(searcher, parts, SearchQueries.Dimension.RATING, all, passes)));
        return facets;
    }

    private static FacetsCollector collect(FacetedSearcher searcher, SearchQueries.Parts parts,
                                           SearchQueries.Dimension dimension, FacetsCollector all,
                                           Map<Query, FacetsCollector> passes) throws IOException {
        if (!parts.dimensions().containsKey(dimension)) {
            return all;
        }
        Query query = parts.without(dimension);
        FacetsCollector collected = passes.get(query);
        if (collected == null) {
            collected = searcher.search(query, new FacetsCollectorManager());
            passes.put(query, collected);
        }
        return collected;
    }

    private static List<Map<String, Object>> labels(FacetedSearcher searcher, FacetsCollector collected, String dimension,
                                                    Map<FacetsCollector, Facets> labelCounts) throws IOException {
        if (searcher.facets == null) {
            return List.of();
        }
        FacetResult result;
        try {
            Facets counts = labelCounts.get(collected);
            if (counts == null) {
                counts = new SortedSetDocValuesFacetCounts(searcher.facets, collected);
                labelCounts.put(collected, counts);
            }
            result = counts.getAllChildren(dimension);
        } catch (IllegalArgumentException noSuchDimension) {
            return List.of();
        }
        if (result == null) {
            return List.of();
        }
        List<LabelAndValue> values = new ArrayList<>(List.of(result.labelValues));
        values.sort(Comparator.comparingLong((LabelAndValue v) -> -v.value.longValue()).thenComparing(v -> v.label));
        return values.stream().filter(v -> v.value.longValue() > 0)
                .map(v -> Map.<String, Object>of("name", v.label, "count", v.value.longValue())).toList();
    }

    private static List<Map<String, Object>> priceRanges(FacetsCollector collected) throws IOException {
        LongRange[] ranges = new LongRange[PRICE_BOUNDS_CENTS.length];
        for (int i = 0; i < ranges.length; i++) {
            boolean last = i + 1 == PRICE_BOUNDS_CENTS.length;
            ranges[i] = new LongRange(Integer.toString(i), PRICE_BOUNDS_CENTS[i], true,
                    last ? Long.MAX_VALUE : PRICE_BOUNDS_CENTS[i + 1], last);
        }
        FacetResult result = new LongRangeFacetCounts(SearchDocuments.PRICE, collected, ranges).getAllChildren(SearchDocuments.PRICE);
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (int i = 0; i < ranges.length; i++) {
            long count = result.labelValues[i].value.longValue();
            if (count > 0) {
                Map<String, Object> bucket = new LinkedHashMap<>();
                bucket.put("min", BigDecimal.valueOf(PRICE_BOUNDS_CENTS[i], 2));
                bucket.put("max", i + 1 < ranges.length ? BigDecimal.valueOf(PRICE_BOUNDS_CENTS[i + 1], 2) : null);
                bucket.put("count", count);
                buckets.add(bucket);
            }
        }
        return buckets;
    }

    private static List<Map<String, Object>> ratings(FacetsCollector collected) throws IOException {
        LongRange[] ranges = new LongRange[RATING_THRESHOLDS.length];
        for (int i = 0; i < ranges.length; i++) {
            ranges[i] = new LongRange(Integer.toString(i), RATING_THRESHOLDS[i] * 10L, true, Long.MAX_VALUE, true);
        }
        FacetResult result = new LongRangeFacetCounts(SearchDocuments.RATING, collected, ranges).getAllChildren(SearchDocuments.RATING);
        List<Map<String, Object>> thresholds = new ArrayList<>();
        for (int i = 0; i < ranges.length; i++) {
            thresholds.add(Map.of("min", RATING_THRESHOLDS[i], "count", result.labelValues[i].value.longValue()));
        }
        return thresholds;
    }
}
