package dev.checkout.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypoVocabularyTest {

    @Test
    void aSwapOfNeighbouringLettersIsOneTypo() {
        assertThat(TypoVocabulary.distance("labtop", "laptop", 2)).isEqualTo(1);
        assertThat(TypoVocabulary.distance("lpatop", "laptop", 2)).isEqualTo(1);
    }

    @Test
    void insertionsDeletionsAndReplacementsCountOneEach() {
        assertThat(TypoVocabulary.distance("notebok", "notebook", 2)).isEqualTo(1);
        assertThat(TypoVocabulary.distance("notebooks", "notebook", 2)).isEqualTo(1);
        assertThat(TypoVocabulary.distance("nitebouk", "notebook", 2)).isEqualTo(2);
        assertThat(TypoVocabulary.distance("laptop", "laptop", 2)).isZero();
    }

    @Test
    void aWordBeyondTheLimitIsCutShortAtOneMore() {
        assertThat(TypoVocabulary.distance("kettle", "toaster", 1)).isEqualTo(2);
        assertThat(TypoVocabulary.distance("tv", "television", 2)).isEqualTo(3);
    }
}
