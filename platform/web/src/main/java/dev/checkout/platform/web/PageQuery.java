package dev.checkout.platform.web;

import java.util.List;

/**
 * {@code ?page=1&limit=20}: pages count from 1, the limit is 1 to 100. Anything else is a 400, and so is a page whose
 * first row lies beyond what a 32-bit offset can count (such a page would be empty anyway; refusing it keeps every
 * {@code (page - 1) * limit} in the services from overflowing into a negative offset, a 500).
 */
public record PageQuery(int page, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    static final int MAX_OFFSET = Integer.MAX_VALUE;

    public static PageQuery of(Integer page, Integer limit) {
        int p = page == null ? 1 : page;
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (p < 1) {
            throw invalid("page", "must be 1 or more");
        }
        if (l < 1 || l > MAX_LIMIT) {
            throw invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if ((long) (p - 1) * l > MAX_OFFSET) {
            throw invalid("page", "must be at most " + (MAX_OFFSET / l + 1) + " with a limit of " + l);
        }
        return new PageQuery(p, l);
    }

    public int offset() {
        return (page - 1) * limit;
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.badRequest("validation_failed", "The " + field + " parameter " + message)
                .with("errors", List.of(java.util.Map.of("field", field, "message", message)));
    }
}
