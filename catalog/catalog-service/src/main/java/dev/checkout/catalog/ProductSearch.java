package dev.checkout.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.PageQuery;
import dev.checkout.platform.web.Pagination;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The public product list with filters, sorting, paging and facet counts over the filtered set. Matching {@code q}
 * is a plain case-insensitive substring match for now; relevance ranking and typo tolerance belong to the search index.
 */
@Service
class ProductSearch {

    private static final Map<String, String> SORTS = Map.of(
            "newest", "p.created_at desc, p.product_id",
            "price_asc", "coalesce(p.sale_price, p.base_price) asc, p.product_id",
            "price_desc", "coalesce(p.sale_price, p.base_price) desc, p.product_id",
            "rating", "p.rating desc, p.review_count desc, p.product_id",
            "relevance", "p.created_at desc, p.product_id");
    private static final BigDecimal[] PRICE_BUCKETS = {
            new BigDecimal("0"), new BigDecimal("25"), new BigDecimal("50"), new BigDecimal("100"),
            new BigDecimal("250"), new BigDecimal("500"), new BigDecimal("1000")};

    private final JdbcClient jdbc;
    private final Products products;

    ProductSearch(JdbcClient jdbc, Products products) {
        this.jdbc = jdbc;
        this.products = products;
    }

    record Query(String q, String category, String brand, BigDecimal minPrice, BigDecimal maxPrice, Boolean inStock, String sort) {
    }

    record Results(List<ProductViews.Summary> products, Pagination pagination, Map<String, Object> facets) {
    }

    record CategoryNode(String categoryId, String name, String path, List<CategoryNode> children) {
    }

    Results find(Query query, PageQuery page) {
        String sort = query.sort() == null ? "newest" : query.sort();
        if (!SORTS.containsKey(sort)) {
            throw ApiException.badRequest("validation_failed", "sort must be one of " + SORTS.keySet())
                    .with("errors", List.of(Map.of("field", "sort", "message", "is not a known sort order")));
        }
        if (query.minPrice() != null && query.maxPrice() != null && query.minPrice().compareTo(query.maxPrice()) > 0) {
            throw ApiException.badRequest("validation_failed", "min_price must not exceed max_price")
                    .with("errors", List.of(Map.of("field", "min_price", "message", "must not exceed max_price")));
        }
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(query, params);
        long total = jdbc.sql("select count(*) from catalog.products p where " + where).paramSource(params).query(Long.class).single();
        params.addValue("limit", page.limit()).addValue("offset", page.offset());
        List<ProductViews.Summary> found = jdbc.sql("select p.* from catalog.products p where " + where + " order by "
                        + SORTS.get(sort) + " limit :limit offset :offset")
                .paramSource(params)
                .query(products::mapWithoutVariants)
                .list().stream()
                .map(p -> new ProductViews.Summary(p.productId(), p.sku(), p.name(), p.brand(), p.categoryPath(), p.basePrice(),
                        p.salePrice(), p.currency(), p.rating(), p.reviewCount(), p.availableQuantity() > 0))
                .toList();
        return new Results(found, Pagination.of(page, total), facets(where, params));
    }

    private static String where(Query query, MapSqlParameterSource params) {
        List<String> conditions = new ArrayList<>(List.of("p.status = 'ACTIVE'"));
        if (query.q() != null && !query.q().isBlank()) {
            conditions.add("(p.name ilike :q or p.description ilike :q or p.brand ilike :q)");
            params.addValue("q", "%" + query.q().trim().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (query.category() != null && !query.category().isBlank()) {
            conditions.add("(p.category_path = :category or p.category_path like :categoryPrefix)");
            params.addValue("category", query.category()).addValue("categoryPrefix", query.category() + "/%");
        }
        if (query.brand() != null && !query.brand().isBlank()) {
            conditions.add("lower(p.brand) = lower(:brand)");
            params.addValue("brand", query.brand());
        }
        if (query.minPrice() != null) {
            conditions.add("coalesce(p.sale_price, p.base_price) >= :minPrice");
            params.addValue("minPrice", query.minPrice());
        }
        if (query.maxPrice() != null) {
            conditions.add("coalesce(p.sale_price, p.base_price) <= :maxPrice");
            params.addValue("maxPrice", query.maxPrice());
        }
        if (Boolean.TRUE.equals(query.inStock())) {
            conditions.add("p.available_quantity > 0");
        } else if (Boolean.FALSE.equals(query.inStock())) {
            conditions.add("p.available_quantity = 0");
        }
        return String.join(" and ", conditions);
    }

    private Map<String, Object> facets(String where, MapSqlParameterSource params) {
        Map<String, Object> facets = new LinkedHashMap<>();
        facets.put("brands", jdbc.sql("select p.brand, count(*) from catalog.products p where " + where
                        + " and p.brand is not null group by p.brand order by count(*) desc, p.brand limit 20")
                .paramSource(params).query((rs, n) -> Map.of("name", rs.getString(1), "count", rs.getLong(2))).list());
        facets.put("categories", jdbc.sql("select p.category_path, count(*) from catalog.products p where " + where
                        + " and p.category_path is not null group by p.category_path order by count(*) desc, p.category_path limit 20")
                .paramSource(params).query((rs, n) -> Map.of("name", rs.getString(1), "count", rs.getLong(2))).list());
        List<Map<String, Object>> ranges = new ArrayList<>();
        for (int i = 0; i < PRICE_BUCKETS.length; i++) {
            BigDecimal min = PRICE_BUCKETS[i];
            BigDecimal max = i + 1 < PRICE_BUCKETS.length ? PRICE_BUCKETS[i + 1] : null;
            MapSqlParameterSource bucket = new MapSqlParameterSource(params.getValues()).addValue("bucketMin", min).addValue("bucketMax", max);
            long count = jdbc.sql("select count(*) from catalog.products p where " + where
                            + " and coalesce(p.sale_price, p.base_price) >= :bucketMin"
                            + (max == null ? "" : " and coalesce(p.sale_price, p.base_price) < :bucketMax"))
                    .paramSource(bucket).query(Long.class).single();
            if (count > 0) {
                Map<String, Object> range = new LinkedHashMap<>();
                range.put("min", min);
                range.put("max", max);
                range.put("count", count);
                ranges.add(range);
            }
        }
        facets.put("price_ranges", ranges);
        return facets;
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
