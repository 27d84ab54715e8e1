package dev.checkout.catalog;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.PageQuery;
import dev.checkout.platform.web.Pagination;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.springframework.stereotype.Service;

/**
 * The public product list, served from the search index: relevance or a chosen order, filters, paging and facet
 * counts. A facet's counts follow every filter but its own (so a shopper filtering on one brand still sees the others).
 */
@Service
class ProductSearch {

    private static final SortField TIE = new SortField(SearchDocuments.ID, SortField.Type.STRING);
    private static final Map<String, Sort> SORTS = Map.of(
            "newest", new Sort(new SortField(SearchDocuments.CREATED, SortField.Type.LONG, true), TIE),
            "price_asc", new Sort(new SortField(SearchDocuments.PRICE, SortField.Type.LONG), TIE),
            "price_desc", new Sort(new SortField(SearchDocuments.PRICE, SortField.Type.LONG, true), TIE),
            "rating", new Sort(new SortField(SearchDocuments.RATING, SortField.Type.LONG, true),
                    new SortField(SearchDocuments.REVIEWS, SortField.Type.LONG, true), TIE),
            "relevance", new Sort(SortField.FIELD_SCORE, TIE));

    private final SearchIndex index;
    private final Products products;
    /** Searches beyond one per processor wait here, first come first served (see {@link SearchProperties}). */
    private final Bulkhead turns;
    private final Duration retryAfter;

    ProductSearch(SearchIndex index, Products products, SearchProperties properties) {
        this.index = index;
        this.products = products;
        this.turns = Bulkhead.of("product-search", BulkheadConfig.custom()
                .maxConcurrentCalls(properties.concurrentSearchesOrProcessors())
                .maxWaitDuration(properties.searchQueueTimeout())
                .fairCallHandlingStrategyEnabled(true)
                .build());
        this.retryAfter = Duration.ofSeconds(Math.max(1, properties.searchQueueTimeout().toSeconds()));
    }

    record Query(String q, String category, String brand, BigDecimal minPrice, BigDecimal maxPrice, BigDecimal minRating,
                 Boolean inStock, String sort) {
    }

    record Results(List<ProductViews.Summary> products, Pagination pagination, Map<String, Object> facets) {
    }

    record CategoryNode(String categoryId, String name, String path, List<CategoryNode> children) {
    }

    Results find(Query query, PageQuery page) {
        validate(query);
        if (!turns.tryAcquirePermission()) {
            throw ApiException.unavailable("overloaded", "too many searches are waiting; try again shortly", retryAfter);
        }
        try {
            return search(query, page);
        } finally {
            turns.onComplete();
        }
    }

    private Results search(Query query, PageQuery page) {
        return index.withSearcher(searcher -> {
            SearchQueries.Parts parts = SearchQueries.of(query, searcher.vocabulary);
            String sort = query.sort() != null ? query.sort() : parts.text() != null ? "relevance" : "newest";
            Sort order = SORTS.get(parts.text() == null && sort.equals("relevance") ? "newest" : sort);
            long wanted = Math.min((long) page.offset() + page.limit(), Math.max(1, searcher.getIndexReader().maxDoc()));
            FacetedCollection.Counted counted = searcher.search(parts.base(),
                    new FacetedCollection(searcher, parts.dimensions(), order, (int) wanted));
            TopDocs top = counted.top();
            List<ProductViews.Summary> found = page.offset() < 0 ? List.of()
                    : SearchSummaries.of(searcher.getIndexReader(), top.scoreDocs, page.offset());
            Map<String, Object> facets = SearchFacets.of(counted);
            return new Results(found, Pagination.of(page, top.totalHits.value()), facets);
        });
    }

    private static void validate(Query query) {
        if (query.sort() != null && !SORTS.containsKey(query.sort())) {
            throw invalid("sort", "is not a known sort order; use one of " + SORTS.keySet());
        }
        if (query.minPrice() != null && query.maxPrice() != null && query.minPrice().compareTo(query.maxPrice()) > 0) {
            throw invalid("min_price", "must not exceed max_price");
        }
        if (query.minPrice() != null && query.minPrice().signum() < 0) {
            throw invalid("min_price", "must not be negative");
        }
        if (query.maxPrice() != null && query.maxPrice().signum() < 0) {
            throw invalid("max_price", "must not be negative");
        }
        if (query.minRating() != null && (query.minRating().signum() < 0 || query.minRating().compareTo(BigDecimal.valueOf(5)) > 0)) {
            throw invalid("min_rating", "must be between 0 and 5");
        }
    }

    static ApiException invalid(String field, String message) {
        return ApiException.badRequest("validation_failed", field + " " + message)
                .with("errors", List.of(Map.of("field", field, "message", message)));
    }

    List<CategoryNode> categoryTree() {
        return tree(products.categories());
    }

    static List<CategoryNode> tree(List<Products.Category> categories) {
        Map<String, List<Products.Category>> byParent = new LinkedHashMap<>();
        for (Products.Category category : categories) {
            byParent.computeIfAbsent(String.valueOf(category.parentId()), k -> new ArrayList<>()).add(category);
        }
        return children("null", byParent);
    }

    private static List<CategoryNode> children(String parentId, Map<String, List<Products.Category>> byParent) {
        return byParent.getOrDefault(parentId, List.of()).stream()
                .map(c -> new CategoryNode(c.categoryId(), c.name(), c.path(), children(c.categoryId(), byParent)))
                .toList();
    }
}
