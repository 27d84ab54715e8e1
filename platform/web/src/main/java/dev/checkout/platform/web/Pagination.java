package dev.checkout.platform.web;

/** The {@code pagination} member of list responses. */
public record Pagination(int page, int limit, long total, long totalPages) {

    public static Pagination of(PageQuery query, long total) {
        return new Pagination(query.page(), query.limit(), total, (total + query.limit() - 1) / query.limit());
    }
}
