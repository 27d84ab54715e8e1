package dev.checkout.pricing;

import dev.checkout.pricing.api.PricingQuote;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class QuotesTest {

    final Quotes quotes = new Quotes(new PricingRules(Map.of("US", new BigDecimal("0.08")), new BigDecimal("0.00"),
            Map.of("US", new BigDecimal("5.00")), new BigDecimal("15.00"), new BigDecimal("100.00")), null);

    static List<Quotes.Line> twoMugsAt(String price) {
        return List.of(new Quotes.Line("prod_1", null, 2, new BigDecimal(price)));
    }

    @Test
    void taxIsTheCountrysRateOfTheSubtotalAndShippingItsFlatFee() {
        PricingQuote quote = quotes.quote(twoMugsAt("12.50"), "USD", "us", null, null);
        assertThat(quote.subtotal()).isEqualByComparingTo("25.00");
        assertThat(quote.tax()).isEqualByComparingTo("2.00");
        assertThat(quote.shipping()).isEqualByComparingTo("5.00");
        assertThat(quote.total()).isEqualByComparingTo("32.00");
    }

    @Test
    void shippingIsFreeFromTheThresholdOn() {
        PricingQuote quote = quotes.quote(twoMugsAt("50.00"), "USD", "US", null, null);
        assertThat(quote.shipping()).isEqualByComparingTo("0.00");
        assertThat(quote.total()).isEqualByComparingTo("108.00");
    }

    @Test
    void countriesWithoutRulesGetTheDefaults() {
        PricingQuote quote = quotes.quote(twoMugsAt("10.00"), "USD", "FR", null, null);
        assertThat(quote.tax()).isEqualByComparingTo("0.00");
        assertThat(quote.shipping()).isEqualByComparingTo("15.00");
    }

    @Test
    void taxIsRoundedHalfEvenToCents() {
        PricingQuote quote = quotes.quote(List.of(new Quotes.Line("p", null, 1, new BigDecimal("0.31"))), "USD", "US", null, null);
        assertThat(quote.tax()).isEqualByComparingTo("0.02");
    }

    @Test
    void theAnnouncedRulesQuoteWhatTheServiceQuotes() {
        PricingRules rules = new PricingRules(Map.of("US", new BigDecimal("0.08")), new BigDecimal("0.00"),
                Map.of("US", new BigDecimal("5.00")), new BigDecimal("15.00"), new BigDecimal("100.00"));
        for (String country : new String[] {"US", "us ", "FR", null}) {
            for (String price : new String[] {"0.31", "12.50", "50.00", "49.995"}) {
                PricingQuote served = quotes.quote(twoMugsAt(price), "USD", country, null, null);
                assertThat(rules.announced().quote(served.subtotal(), BigDecimal.ZERO, "USD", country)).as("%s at %s", country, price)
                        .isEqualTo(served);
            }
        }
    }
}
