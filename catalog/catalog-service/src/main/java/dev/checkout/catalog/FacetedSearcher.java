package dev.checkout.catalog;

import java.io.IOException;
import java.util.List;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.similarities.BM25Similarity;

/**
 * A searcher with what its reader's queries need besides the index, built once per refresh rather than once per
 * query: the words typos are matched against, and each segment's facet values ({@link FacetColumns}, kept across
 * refreshes for the segments that stay).
 */
final class FacetedSearcher extends IndexSearcher {

    final TypoVocabulary vocabulary;
    private final FacetColumns[] columns;

    FacetedSearcher(IndexReader reader, FacetColumns.Cache cache) throws IOException {
        super(reader);
        setSimilarity(new BM25Similarity());
        this.vocabulary = TypoVocabulary.of(reader);
        List<LeafReaderContext> leaves = reader.leaves();
        this.columns = new FacetColumns[leaves.size()];
        for (LeafReaderContext leaf : leaves) {
            columns[leaf.ord] = cache.of(leaf.reader());
        }
    }

    /** The facet values of one of this searcher's segments. */
    FacetColumns columns(LeafReaderContext leaf) {
        return columns[leaf.ord];
    }
}
