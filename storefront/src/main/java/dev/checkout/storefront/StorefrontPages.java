package dev.checkout.storefront;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The storefront: {@code /} lists the catalogue newest first, {@code /?q=} shows search results with their facets;
 * the search box suggests completions of the last word; {@code /products/{id}} is a product page. What the API
 * refuses (a bad query) is shown on the page, never a 5xx.
 */
@Controller
class StorefrontPages {

    private final PublicApi api;

    StorefrontPages(PublicApi api) {
        this.api = api;
    }

    @GetMapping("/")
    String home(@RequestParam(required = false) String q, @RequestParam(required = false) String brand,
                @RequestParam(required = false) String category, @RequestParam(required = false) String page, Model model) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("q", q);
        query.put("brand", brand);
        query.put("category", category);
        query.put("page", page);
        query.put("limit", "24");
        if (q == null || q.isBlank()) {
            query.put("sort", "newest");
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/v1/products");
        query.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                uri.queryParam(name, "{" + name + "}");
            }
        });
        Map<String, String> values = new LinkedHashMap<>();
        query.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                values.put(name, value);
            }
        });
        PublicApi.Answer products = api.get("catalog", uri.build().toUriString(), null, values.values().toArray());
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("suggestions", q == null || q.isBlank() ? List.of() : suggestionsFor(q.strip()));
        model.addAttribute("products", products.ok() ? products.body().path("products") : null);
        model.addAttribute("facets", products.ok() ? products.body().path("facets") : null);
        model.addAttribute("pagination", products.ok() ? products.body().path("pagination") : null);
        model.addAttribute("problem", products.ok() ? null : products.problem());
        return "storefront/home";
    }

    /** The query with its last word completed, as the search box offers them. */
    private List<String> suggestionsFor(String q) {
        PublicApi.Answer suggested = api.get("catalog", "/api/v1/search/suggest?q={q}&limit=8", null, q);
        return suggested.ok() ? suggested.body().path("suggestions").valueStream().map(s -> s.asString()).toList() : List.of();
    }

    @GetMapping("/products/{productId}")
    String product(@PathVariable String productId, Model model) {
        PublicApi.Answer product = api.get("catalog", "/api/v1/products/{id}", null, productId);
        PublicApi.Answer reviews = product.ok() ? api.get("catalog", "/api/v1/products/{id}/reviews", null, productId) : null;
        model.addAttribute("product", product.ok() ? product.body() : null);
        model.addAttribute("reviews", reviews != null && reviews.ok() ? reviews.body().path("reviews") : null);
        model.addAttribute("problem", product.ok() ? null : product.problem());
        return "storefront/product";
    }
}
