package dev.checkout.catalog;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.web.PageQuery;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Public catalog reads and the admin's product writes. */
@RestController
class ProductController {

    private final ProductCatalog catalog;
    private final ProductSearch search;
    private final Clock clock;

    ProductController(ProductCatalog catalog, ProductSearch search, Clock clock) {
        this.catalog = catalog;
        this.search = search;
        this.clock = clock;
    }

    @GetMapping("/api/v1/products/{productId}")
    ProductViews.Detail product(@PathVariable String productId) {
        return ProductViews.detail(catalog.get(productId), clock.instant());
    }

    @GetMapping("/api/v1/products")
    ProductSearch.Results products(@RequestParam(required = false) String q,
                                   @RequestParam(required = false) String category,
                                   @RequestParam(required = false) String brand,
                                   @RequestParam(name = "min_price", required = false) BigDecimal minPrice,
                                   @RequestParam(name = "max_price", required = false) BigDecimal maxPrice,
                                   @RequestParam(name = "min_rating", required = false) BigDecimal minRating,
                                   @RequestParam(name = "in_stock", required = false) Boolean inStock,
                                   @RequestParam(required = false) String sort,
                                   @RequestParam(required = false) Integer page,
                                   @RequestParam(required = false) Integer limit) {
        return search.find(new ProductSearch.Query(q, category, brand, minPrice, maxPrice, minRating, inStock, sort), PageQuery.of(page, limit));
    }

    @GetMapping("/api/v1/categories")
    Map<String, List<ProductSearch.CategoryNode>> categories() {
        return Map.of("categories", search.categoryTree());
    }

    @PostMapping("/api/v1/admin/products")
    @ResponseStatus(HttpStatus.CREATED)
    ProductViews.Detail create(@RequestBody ProductDraft draft) {
        return ProductViews.detail(catalog.create(draft), clock.instant());
    }

    @PatchMapping(path = "/api/v1/admin/products/{productId}",
            consumes = {"application/merge-patch+json", "application/json"})
    ProductViews.Detail patch(@PathVariable String productId, @RequestBody JsonNode patch) {
        return ProductViews.detail(catalog.patch(productId, patch), clock.instant());
    }
}
