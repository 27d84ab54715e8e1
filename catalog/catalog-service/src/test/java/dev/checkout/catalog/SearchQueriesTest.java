package dev.checkout.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class SearchQueriesTest {

    @Test
    void wordsOfEightLettersMayCarryTwoTyposShorterOnesOneAndTinyOnesNone() {
        assertThat(SearchQueries.allowedTypos("notebook")).isEqualTo(2);
        assertThat(SearchQueries.allowedTypos("labtop")).isEqualTo(1);
        assertThat(SearchQueries.allowedTypos("tv")).isZero();
    }

    @Test
    void pluralsCaseAndAccentsAreFolded() {
        assertThat(SearchQueries.analyze("Laptops Café")).containsExactly("laptop", "cafe");
    }

    @Test
    void onlyTheFiltersGivenBecomeDimensionsAndAQueryWithoutWordsHasNoText() {
        SearchQueries.Parts parts = SearchQueries.of(new ProductSearch.Query("  ", "Electronics", null, new BigDecimal("10"), null,
                null, true, null), TypoVocabulary.NONE);

        assertThat(parts.text()).isNull();
        assertThat(parts.dimensions()).containsOnlyKeys(SearchQueries.Dimension.CATEGORY, SearchQueries.Dimension.PRICE);
        assertThat(parts.others()).hasSize(1);
        assertThat(parts.without(SearchQueries.Dimension.PRICE).toString()).doesNotContain(SearchDocuments.PRICE)
                .contains("electronics");
    }

    @Test
    void aMaximumPriceBeyondTheCentsALongHoldsIsNoUpperBoundRatherThanAWrappedOne() {
        SearchQueries.Parts parts = SearchQueries.of(new ProductSearch.Query(null, null, null, null, new BigDecimal("999999999999999999.99"),
                null, null, null), TypoVocabulary.NONE);

        assertThat(parts.dimensions().get(SearchQueries.Dimension.PRICE).toString()).contains("TO " + Long.MAX_VALUE + "]");
    }
}
