package dev.checkout.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private final Suggestions suggestions = new Suggestions();

    @Test
    void completionsOfTheLastWordComeMostOrderedFirst() {
        suggestions.remember("p1", "Laptop Bag", "Acme");
        suggestions.remember("p2", "Laptop Stand", "Acme");
        suggestions.remember("p3", "Lapel Pin", "Pinco");
        suggestions.rebuild(Map.of("p3", 2L));

        assertThat(suggestions.suggest("lap", 10)).startsWith("lapel", "lapel pin").contains("laptop", "laptop bag", "laptop stand");
        assertThat(suggestions.suggest("lap", 10).indexOf("laptop")).isLessThan(suggestions.suggest("lap", 10).indexOf("laptop bag"));
        assertThat(suggestions.suggest("LAP", 1)).containsExactly("lapel");
    }

    @Test
    void aPrefixOfFourLettersOrMoreMayCarryOneTypo() {
        suggestions.remember("p1", "Laptop Bag", "Acme");
        suggestions.rebuild(Map.of());

        assertThat(suggestions.suggest("labt", 10)).contains("laptop");
        assertThat(suggestions.suggest("lbp", 10)).isEmpty();
    }

    @Test
    void earlierWordsAreKeptAndBrandsAreSuggested() {
        suggestions.remember("p1", "Laptop Bag", "Acme");
        suggestions.rebuild(Map.of());

        assertThat(suggestions.suggest("red lapt", 10)).contains("red laptop", "red laptop bag");
        assertThat(suggestions.suggest("acm", 10)).containsExactly("acme");
    }

    @Test
    void aForgottenProductIsNoLongerSuggestedAfterTheNextRebuild() {
        suggestions.remember("p1", "Laptop Bag", "Acme");
        suggestions.rebuild(Map.of());
        suggestions.forget("p1");
        suggestions.rebuildIfChanged();

        assertThat(suggestions.suggest("lap", 10)).isEmpty();
    }

    @Test
    void anAnswerGivenBeforeARebuildIsNotGivenAfterIt() {
        suggestions.remember("p1", "Laptop Bag", "Acme");
        suggestions.remember("p2", "Lapel Pin", "Pinco");
        suggestions.rebuild(Map.of("p1", 1L));
        assertThat(suggestions.suggest("lap", 1)).containsExactly("laptop");

        suggestions.rebuild(Map.of("p2", 5L));

        assertThat(suggestions.suggest("lap", 1)).containsExactly("lapel");
    }
}
