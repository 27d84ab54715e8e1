package dev.checkout.catalog;

import java.io.IOException;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.similarities.BM25Similarity;

/**
 * A searcher with what its reader's queries need besides the index: the words typos are matched against, built once
 * per refresh rather than once per query.
 */
final class FacetedSearcher extends IndexSearcher {

    final TypoVocabulary vocabulary;

    FacetedSearcher(IndexReader reader) throws IOException {
        super(reader);
        setSimilarity(new BM25Similarity());
        this.vocabulary = TypoVocabulary.of(reader);
    }
}
