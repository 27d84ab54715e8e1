package dev.checkout.catalog;

import java.io.IOException;

import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.similarities.BM25Similarity;

/**
 * A searcher with what its reader's queries need besides the index: the facet state and the words typos are
 * matched against, built once per refresh rather than once per query.
 */
final class FacetedSearcher extends IndexSearcher {

    final SortedSetDocValuesReaderState facets;
    final TypoVocabulary vocabulary;

    FacetedSearcher(IndexReader reader) throws IOException {
        super(reader);
        setSimilarity(new BM25Similarity());
        this.facets = hasFacets(reader) ? new DefaultSortedSetDocValuesReaderState(reader, SearchDocuments.FACETS) : null;
        this.vocabulary = TypoVocabulary.of(reader);
    }

    private static boolean hasFacets(IndexReader reader) {
        return reader.leaves().stream().anyMatch(leaf -> leaf.reader().getFieldInfos()
                .fieldInfo(SearchDocuments.FACETS.getDimConfig(SearchDocuments.FACET_BRAND).indexFieldName) != null);
    }
}
