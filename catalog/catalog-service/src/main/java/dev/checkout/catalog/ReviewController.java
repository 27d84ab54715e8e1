package dev.checkout.catalog;

import dev.checkout.platform.web.Caller;
import dev.checkout.platform.web.PageQuery;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Customers' reviews of products: anyone reads them, verified buyers write them. */
@RestController
class ReviewController {

    private final ProductReviews reviews;

    ReviewController(ProductReviews reviews) {
        this.reviews = reviews;
    }

    @PostMapping("/api/v1/products/{productId}/reviews")
    @ResponseStatus(HttpStatus.CREATED)
    ProductReviews.Review add(Caller caller, @PathVariable String productId, @RequestBody JsonNode review) {
        return reviews.add(productId, caller.requireUserId(), review);
    }

    @GetMapping("/api/v1/products/{productId}/reviews")
    ProductReviews.Page list(@PathVariable String productId, @RequestParam(required = false) Integer page,
                             @RequestParam(required = false) Integer limit) {
        return reviews.list(productId, PageQuery.of(page, limit));
    }
}
