package dev.checkout.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The JSON rules every request body meets: wrong types are refused, never coerced. */
class StrictJsonTest {

    record Line(String productId, Integer quantity, BigDecimal price, Boolean gift) {
    }

    record Request(List<Line> items) {
    }

    final JsonMapper json = strictMapper();

    static JsonMapper strictMapper() {
        JsonMapper.Builder builder = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        new WebPlatformAutoConfiguration().strictJson().customize(builder);
        return builder.build();
    }

    @Test
    void wellTypedSnakeCaseBodiesAreRead() {
        Request request = json.readValue("{\"items\": [{\"product_id\": \"prod_1\", \"quantity\": 2, \"price\": 9.99, \"gift\": true}]}", Request.class);
        assertThat(request.items()).containsExactly(new Line("prod_1", 2, new BigDecimal("9.99"), true));
    }

    @Test
    void aNumberGivenAsTextIsRefused() {
        assertThatThrownBy(() -> json.readValue("{\"items\": [{\"quantity\": \"2\"}]}", Request.class)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aFractionIsNotTruncatedIntoAnInteger() {
        assertThatThrownBy(() -> json.readValue("{\"items\": [{\"quantity\": 2.5}]}", Request.class)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aNumberIsNotTakenForText() {
        assertThatThrownBy(() -> json.readValue("{\"items\": [{\"product_id\": 42}]}", Request.class)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aBooleanGivenAsTextIsRefused() {
        assertThatThrownBy(() -> json.readValue("{\"items\": [{\"gift\": \"yes\"}]}", Request.class)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void trailingGarbageAndDuplicateMembersAreRefused() {
        assertThatThrownBy(() -> json.readValue("{\"items\": []} x", Request.class)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> json.readValue("{\"items\": [], \"items\": []}", Request.class)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void unknownMembersAreIgnoredSoClientsCanEvolve() {
        assertThat(json.readValue("{\"items\": [], \"coupon\": \"X\"}", Request.class).items()).isEmpty();
    }

    @Test
    void moneyIsWrittenAsAPlainNumber() {
        assertThat(json.writeValueAsString(new Line("p", 1, new BigDecimal("1E+3"), null))).contains("\"price\":1000");
    }

    record Product(String name, java.util.Map<String, Object> attributes, tools.jackson.databind.JsonNode extra) {
    }

    @Test
    void aNulCharacterIsRefusedInAnyStringTypedOrFreeForm() {
        assertThatThrownBy(() -> json.readValue("{\"items\": [{\"product_id\": \"prod\\u0000\"}]}", Request.class))
                .isInstanceOfSatisfying(EdgeValues.RefusedValueException.class,
                        refused -> assertThat(refused.getOriginalMessage()).contains("NUL"));
        assertThatThrownBy(() -> json.readValue("{\"attributes\": {\"color\": [\"re\\u0000d\"]}}", Product.class))
                .isInstanceOf(EdgeValues.RefusedValueException.class);
        assertThatThrownBy(() -> json.readValue("{\"extra\": {\"a\\u0000\": 1}}", Product.class))
                .isInstanceOf(EdgeValues.RefusedValueException.class);
    }

    @Test
    void aNumberWithAHugeExponentIsRefusedWhereverItStands() {
        assertThatThrownBy(() -> json.readValue("{\"items\": [{\"price\": 5e500000000}]}", Request.class))
                .isInstanceOf(EdgeValues.RefusedValueException.class);
        assertThatThrownBy(() -> json.readValue("{\"attributes\": {\"weight\": 1e999999}}", Product.class))
                .isInstanceOf(EdgeValues.RefusedValueException.class);
        assertThatThrownBy(() -> json.readValue("{\"items\": [{\"price\": 1e-30}]}", Request.class))
                .isInstanceOf(EdgeValues.RefusedValueException.class);
        assertThat(json.readValue("{\"items\": [{\"price\": 123456789012.99}]}", Request.class).items().getFirst().price())
                .isEqualByComparingTo("123456789012.99");
    }
}
