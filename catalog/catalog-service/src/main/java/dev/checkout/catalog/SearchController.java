package dev.checkout.catalog;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Suggestions as the shopper types, and the admin's rebuild of the search index. */
@RestController
class SearchController {

    private static final int DEFAULT_LIMIT = 8;

    private final Suggestions suggestions;
    private final SearchIndex index;
    private final Executor rebuilds = new SimpleAsyncTaskExecutor("search-reindex-");

    SearchController(Suggestions suggestions, SearchIndex index) {
        this.suggestions = suggestions;
        this.index = index;
    }

    @GetMapping("/api/v1/search/suggest")
    Map<String, List<String>> suggest(@RequestParam(required = false) String q, @RequestParam(required = false) Integer limit) {
        if (q == null || q.isBlank()) {
            throw ProductSearch.invalid("q", "is required");
        }
        if (q.length() > 200) {
            throw ProductSearch.invalid("q", "must be at most 200 characters");
        }
        if (limit != null && (limit < 1 || limit > Suggestions.MAX_LIMIT)) {
            throw ProductSearch.invalid("limit", "must be between 1 and " + Suggestions.MAX_LIMIT);
        }
        return Map.of("suggestions", suggestions.suggest(q, limit == null ? DEFAULT_LIMIT : limit));
    }

    /** Answers at once; the old index keeps serving until the new one is swapped in. */
    @PostMapping("/api/v1/admin/search/reindex")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> reindex() {
        rebuilds.execute(index::rebuild);
        return Map.of("status", "rebuilding");
    }
}
