package dev.checkout.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.core.Ids;
import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import dev.checkout.platform.testing.CheckoutIntegrationTest;
import dev.checkout.platform.web.TokenIssuer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reviews through HTTP: only customers whose order with the product was delivered review it, once; ratings follow. */
@CheckoutIntegrationTest(classes = CatalogTestApplication.class)
class ReviewsIT {

    @LocalServerPort
    int port;

    @Autowired
    TokenIssuer tokens;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    ApiClient anyone() {
        return ApiClient.atPort(port);
    }

    ApiClient as(String userId) {
        return anyone().withToken(tokens.issue(userId, userId + "@example.com", List.of("ADMIN", "USER")).value());
    }

    OtherServices orders() {
        return new OtherServices(kafka, json);
    }

    String created(String name) {
        ApiResponse created = as(Ids.newId("user")).post("/api/v1/admin/products",
                SearchIT.product(name, "Made to last", "Acme", "garden/tools", "20.00"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("/product_id");
    }

    /** Posts the review until the catalog has learnt of the delivery (a 403 changes nothing), and returns the answer. */
    ApiResponse reviewOnceDelivered(String userId, String productId, Map<String, Object> review) {
        return Awaitility.await("the delivery known to the catalog").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> as(userId).post("/api/v1/products/" + productId + "/reviews", review), r -> r.status() != 403);
    }

    @Test
    void aCustomerWithoutADeliveredOrderMayNotReview() {
        String productId = created("Rake " + SearchIT.word(6));
        String onlyConfirmed = Ids.newId("user");
        String deliveredOther = Ids.newId("user");
        orders().orderOf(onlyConfirmed, false, 1, productId);
        String otherProductId = created("Hoe " + SearchIT.word(6));
        orders().orderOf(deliveredOther, true, 1, otherProductId);
        // Order events are read in order per order; the delivered order is known once its buyer may review what it held.
        assertThat(reviewOnceDelivered(deliveredOther, otherProductId, Map.of("rating", 5)).status()).isEqualTo(201);

        for (String userId : List.of(Ids.newId("user"), onlyConfirmed, deliveredOther)) {
            ApiResponse refused = as(userId).post("/api/v1/products/" + productId + "/reviews", Map.of("rating", 5, "title", "Great"));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("not_a_verified_buyer");
        }
        assertThat(anyone().get("/api/v1/products/" + productId + "/reviews").json().at("/pagination/total").asInt()).isZero();
    }

    @Test
    void aVerifiedBuyerReviewsOnceAndTheRatingFollows() {
        String name = "Shovel " + SearchIT.word(8);
        String productId = created(name);
        String first = Ids.newId("user");
        String second = Ids.newId("user");
        orders().orderOf(first, true, 1, productId);
        orders().orderOf(second, true, 2, productId);

        ApiResponse review = reviewOnceDelivered(first, productId, Map.of("rating", 4, "title", "Solid", "body", "Digs well"));
        assertThat(review.status()).as(review.toString()).isEqualTo(201);
        assertThat(review.text("/review_id")).startsWith("rev_");
        assertThat(reviewOnceDelivered(second, productId, Map.of("rating", 5)).status()).isEqualTo(201);

        ApiResponse again = as(first).post("/api/v1/products/" + productId + "/reviews", Map.of("rating", 1));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("review_exists");

        JsonNode product = anyone().get("/api/v1/products/" + productId).json();
        assertThat(product.path("rating").decimalValue()).isEqualByComparingTo("4.5");
        assertThat(product.path("review_count").asInt()).isEqualTo(2);
        // The index takes the review before the 201 is sent, so the search shows it at once (the contract allows 5 s).
        JsonNode rated = anyone().get("/api/v1/products?q=" + name.replace(" ", "+") + "&min_rating=4.5").json().path("products");
        assertThat(rated.findValuesAsString("product_id")).containsExactly(productId);
        assertThat(rated.at("/0/rating").decimalValue()).isEqualByComparingTo("4.5");
        assertThat(rated.at("/0/review_count").asInt()).isEqualTo(2);
        assertThat(anyone().get("/api/v1/products?q=" + name.replace(" ", "+") + "&min_rating=4.6").json().path("products").size()).isZero();

        JsonNode listed = anyone().get("/api/v1/products/" + productId + "/reviews").json();
        assertThat(listed.path("reviews").findValuesAsString("user_id")).containsExactly(second, first);
        assertThat(listed.at("/reviews/1/title").asString()).isEqualTo("Solid");
        assertThat(listed.at("/reviews/1/body").asString()).isEqualTo("Digs well");
        assertThat(listed.at("/pagination/total").asInt()).isEqualTo(2);
    }

    @Test
    void badReviewsAreRefusedAndChangeNothing() {
        String productId = created("Trowel " + SearchIT.word(6));
        String buyer = Ids.newId("user");
        orders().orderOf(buyer, true, 1, productId);
        String path = "/api/v1/products/" + productId + "/reviews";

        assertThat(anyone().post(path, Map.of("rating", 5)).status()).isEqualTo(401);
        ApiResponse tooHigh = as(buyer).post(path, Map.of("rating", 6));
        assertThat(tooHigh.status()).isEqualTo(400);
        assertThat(tooHigh.text("/errors/0/field")).isEqualTo("rating");
        assertThat(as(buyer).post(path, Map.of("rating", 4.5)).status()).isEqualTo(400);
        assertThat(as(buyer).post(path, Map.of("title", "no rating")).status()).isEqualTo(400);
        assertThat(as(buyer).send("POST", path, "{\"rating\": ").status()).isEqualTo(400);
        assertThat(as(buyer).post("/api/v1/products/prod_00000000000000000000000000000000/reviews", Map.of("rating", 5)).status()).isEqualTo(404);
        assertThat(anyone().get("/api/v1/products/nope/reviews").status()).isEqualTo(404);
        assertThat(anyone().get(path).json().at("/pagination/total").asInt()).isZero();
        assertThat(anyone().get("/api/v1/products/" + productId).json().path("review_count").asInt()).isZero();
    }
}
