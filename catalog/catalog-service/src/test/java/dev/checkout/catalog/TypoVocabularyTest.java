package dev.checkout.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class TypoVocabularyTest {

    @Test
    void aWordAskedAgainGetsTheSameMatchesWithoutComparingAgain() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(SearchDocuments.ANALYZER))) {
                Document document = new Document();
                document.add(new TextField(SearchDocuments.NAME, "laptop sleeve", Field.Store.NO));
                writer.addDocument(document);
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                TypoVocabulary vocabulary = TypoVocabulary.of(reader);

                var first = vocabulary.near("labtop", 1);

                assertThat(first).containsExactly(new TypoVocabulary.Match(SearchDocuments.NAME, "laptop", 1));
                assertThat(vocabulary.near("labtop", 1)).isSameAs(first);
                assertThat(vocabulary.near("labtop", 0)).isEmpty();
            }
        }
    }

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
