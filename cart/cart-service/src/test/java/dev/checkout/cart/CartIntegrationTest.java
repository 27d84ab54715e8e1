package dev.checkout.cart;

import java.util.List;

import dev.checkout.platform.core.Ids;
import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.CheckoutIntegrationTest;
import dev.checkout.platform.web.TokenIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cart service alone on the shared real servers, with what its tests share: shoppers (guests, and users whose
 * tokens are signed as identity would sign them) and {@link Upstream}, which plays the catalog, inventory and orders.
 */
@CheckoutIntegrationTest(classes = CartTestApplication.class)
abstract class CartIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    ProductCopies copies;

    @Autowired
    TokenIssuer tokens;

    @Autowired
    JdbcClient jdbc;

    Upstream upstream;

    @BeforeEach
    void meetTheNeighbours() {
        upstream = new Upstream(kafka, json, copies, jdbc);
    }

    /** A money amount of a response (the test client reads JSON numbers as doubles, so compare them as decimals). */
    static java.math.BigDecimal amount(dev.checkout.platform.testing.ApiResponse response, String pointer) {
        return response.json().at(pointer).decimalValue();
    }

    ApiClient api() {
        return ApiClient.atPort(port);
    }

    Shopper guest() {
        return new Shopper(null, api());
    }

    Shopper newUser() {
        String userId = Ids.newId("user");
        String token = tokens.issue(userId, userId + "@example.com", List.of("USER")).value();
        return new Shopper(userId, api().withToken(token));
    }
}
