package dev.checkout.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.web.ApiException;
import org.junit.jupiter.api.Test;

class SalePriceWindowTest {

    static final Instant NOON = Instant.parse("2026-11-21T12:00:00Z");
    static final Instant ONE = Instant.parse("2026-11-21T13:00:00Z");

    static Product product(BigDecimal salePrice, Instant startsAt, Instant endsAt) {
        return new Product("prod_1", "SKU-1", "Widget", null, null, null, new BigDecimal("20.00"), salePrice, startsAt, endsAt,
                "USD", Map.of(), "ACTIVE", BigDecimal.ZERO, 0, 5, 1, List.of(), NOON, NOON);
    }

    static ProductDraft draft(Instant startsAt, Instant endsAt) {
        return new ProductDraft("SKU-1", "Widget", null, null, null, new BigDecimal("20.00"), new BigDecimal("15.00"), startsAt, endsAt,
                null, null, null, null);
    }

    @Test
    void aSalePriceWithoutAWindowIsInForceAlways() {
        assertThat(product(new BigDecimal("15.00"), null, null).unitPriceAt(NOON)).isEqualByComparingTo("15.00");
    }

    @Test
    void aSalePriceIsInForceFromTheStartOfItsWindowUntilJustBeforeItsEnd() {
        Product product = product(new BigDecimal("15.00"), NOON, ONE);
        assertThat(product.unitPriceAt(NOON.minusSeconds(1))).isEqualByComparingTo("20.00");
        assertThat(product.unitPriceAt(NOON)).isEqualByComparingTo("15.00");
        assertThat(product.unitPriceAt(ONE.minusMillis(1))).isEqualByComparingTo("15.00");
        assertThat(product.unitPriceAt(ONE)).isEqualByComparingTo("20.00");
    }

    @Test
    void anOpenEndedWindowHasOnlyItsStartOrOnlyItsEnd() {
        assertThat(product(new BigDecimal("15.00"), NOON, null).unitPriceAt(ONE.plusSeconds(86_400))).isEqualByComparingTo("15.00");
        assertThat(product(new BigDecimal("15.00"), null, ONE).unitPriceAt(NOON.minusSeconds(86_400))).isEqualByComparingTo("15.00");
    }

    @Test
    void aWindowWithoutASalePriceLeavesTheBasePrice() {
        assertThat(product(null, NOON, ONE).unitPriceAt(NOON)).isEqualByComparingTo("20.00");
    }

    @Test
    void aDraftWhoseWindowEndsBeforeOrWhenItStartsIsRefusedNamingTheEnd() {
        assertThatThrownBy(() -> draft(ONE, NOON).validate()).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.properties().get("errors").toString()).contains("sale_ends_at"));
        assertThatThrownBy(() -> draft(NOON, NOON).validate()).isInstanceOf(ApiException.class);
        draft(NOON, ONE).validate();
        draft(null, ONE).validate();
    }
}
