package dev.checkout.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class SearchSummariesTest {

    @Test
    void aSummaryReadsBackAsItWasWrittenMissingValuesIncluded() throws IOException {
        String[] shown = {"SKU-1", "Kettle «Ünïcode»", null, "home/kitchen", "19.90", null, "EUR"};

        ProductViews.Summary summary = SearchSummaries.decode(SearchSummaries.encode("prod_1", shown, 45, 12, true));

        assertThat(summary).isEqualTo(new ProductViews.Summary("prod_1", "SKU-1", "Kettle «Ünïcode»", null, "home/kitchen",
                new BigDecimal("19.90"), null, "EUR", new BigDecimal("4.5"), 12, true));
    }

    @Test
    void aSalePriceAndNoStockReadBack() throws IOException {
        String[] shown = {"SKU-2", "Toaster", "Acme", null, "30.00", "24.00", "USD"};

        ProductViews.Summary summary = SearchSummaries.decode(SearchSummaries.encode("prod_2", shown, 0, 0, false));

        assertThat(summary.salePrice()).isEqualByComparingTo("24.00");
        assertThat(summary.rating()).isEqualByComparingTo("0.0");
        assertThat(summary.inStock()).isFalse();
    }
}
