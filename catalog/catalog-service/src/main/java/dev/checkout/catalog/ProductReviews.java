package dev.checkout.catalog;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.checkout.platform.core.Ids;
import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.PageQuery;
import dev.checkout.platform.web.Pagination;
import dev.checkout.platform.web.Problems;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Reviews by verified buyers: a customer with a delivered order containing the product may review it once. Each
 * review recomputes the product's average rating (one decimal) and count in the same transaction, and the search
 * index takes the new figures once it commits.
 */
@Service
class ProductReviews {

    private final JdbcClient jdbc;
    private final Products products;
    private final Purchases purchases;
    private final SearchIndex index;
    private final Clock clock;

    ProductReviews(JdbcClient jdbc, Products products, Purchases purchases, SearchIndex index, Clock clock) {
        this.jdbc = jdbc;
        this.products = products;
        this.purchases = purchases;
        this.index = index;
        this.clock = clock;
    }

    record Review(String reviewId, String productId, String userId, int rating, String title, String body, Instant createdAt) {
    }

    record Page(List<Review> reviews, Pagination pagination) {
    }

    @Transactional
    Review add(String productId, String userId, JsonNode body) {
        Draft draft = Draft.of(body);
        products.find(productId).orElseThrow(() -> ApiException.notFound("Product", productId));
        if (!purchases.delivered(userId, productId)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "not_a_verified_buyer",
                    "Only a customer with a delivered order containing this product may review it");
        }
        Review review = new Review(Ids.newId("rev"), productId, userId, draft.rating(), draft.title(), draft.body(), clock.instant());
        try {
            jdbc.sql("""
                            insert into catalog.reviews (review_id, product_id, user_id, rating, title, body, created_at)
                            values (:id, :product, :user, :rating, :title, :body, :at)""")
                    .param("id", review.reviewId()).param("product", productId).param("user", userId)
                    .param("rating", review.rating()).param("title", review.title()).param("body", review.body())
                    .param("at", Timestamp.from(review.createdAt())).update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("review_exists", "You have already reviewed this product");
        }
        jdbc.sql("""
                        update catalog.products p set rating = r.average, review_count = r.count
                        from (select round(avg(rating), 1) as average, count(*) as count from catalog.reviews where product_id = :product) r
                        where p.product_id = :product""")
                .param("product", productId).update();
        index.refreshAfterCommit(List.of(productId));
        return review;
    }

    Page list(String productId, PageQuery page) {
        products.find(productId).orElseThrow(() -> ApiException.notFound("Product", productId));
        long total = jdbc.sql("select count(*) from catalog.reviews where product_id = :product").param("product", productId)
                .query(Long.class).single();
        List<Review> reviews = jdbc.sql("""
                        select * from catalog.reviews where product_id = :product
                        order by created_at desc, review_id desc limit :limit offset :offset""")
                .param("product", productId).param("limit", page.limit()).param("offset", page.offset())
                .query((rs, n) -> new Review(rs.getString("review_id"), rs.getString("product_id"), rs.getString("user_id"),
                        rs.getInt("rating"), rs.getString("title"), rs.getString("body"), rs.getTimestamp("created_at").toInstant()))
                .list();
        return new Page(reviews, Pagination.of(page, total));
    }

    /** A review as the customer sent it, checked whole: every wrong field is named. */
    record Draft(int rating, String title, String body) {

        static Draft of(JsonNode json) {
            List<Problems.FieldError> errors = new ArrayList<>();
            if (json == null || !json.isObject()) {
                throw ProductDraft.invalid(List.of(new Problems.FieldError("body", "must be a JSON object")));
            }
            JsonNode rating = json.get("rating");
            if (rating == null || rating.isNull()) {
                errors.add(new Problems.FieldError("rating", "is required"));
            } else if (!rating.isIntegralNumber() || rating.asLong() < 1 || rating.asLong() > 5) {
                errors.add(new Problems.FieldError("rating", "must be a whole number from 1 to 5"));
            }
            String title = text(json, "title", 200, errors);
            String body = text(json, "body", 5_000, errors);
            if (!errors.isEmpty()) {
                throw ProductDraft.invalid(errors);
            }
            return new Draft(rating.asInt(), title, body);
        }

        private static String text(JsonNode json, String field, int maxLength, List<Problems.FieldError> errors) {
            JsonNode value = json.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isString()) {
                errors.add(new Problems.FieldError(field, "must be a string"));
                return null;
            }
            if (value.asString().length() > maxLength) {
                errors.add(new Problems.FieldError(field, "must be at most " + maxLength + " characters"));
                return null;
            }
            return value.asString();
        }
    }
}
