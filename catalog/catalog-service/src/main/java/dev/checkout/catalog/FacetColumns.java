package dev.checkout.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;

/**
 * One segment's facet values as plain arrays: each document's brand and category (as an index into the segment's
 * labels), price bucket and the first rating threshold it reaches. A search counts facets for every hit; reading them
 * from doc values decoded them again for each hit of each query (about a quarter of a search's CPU with the
 * segment-access checks: async-profiler), while a segment never changes once written, so they are read once, when the
 * segment first appears after a refresh, and dropped when Lucene closes it.
 */
final class FacetColumns {

    /** Where a document has no value. */
    static final int NONE = -1;
    private static final String FACET_FIELD = SearchDocuments.FACETS.getDimConfig(SearchDocuments.FACET_BRAND).indexFieldName;

    final String[] brands;
    final String[] categories;
    private final int[] brandOf;
    private final int[] categoryOf;
    private final byte[] priceBucketOf;
    private final byte[] firstRatingReachedOf;

    private FacetColumns(String[] brands, String[] categories, int[] brandOf, int[] categoryOf, byte[] priceBucketOf,
                         byte[] firstRatingReachedOf) {
        this.brands = brands;
        this.categories = categories;
        this.brandOf = brandOf;
        this.categoryOf = categoryOf;
        this.priceBucketOf = priceBucketOf;
        this.firstRatingReachedOf = firstRatingReachedOf;
    }

    /** The index of the document's brand in {@link #brands}, or {@link #NONE}. */
    int brand(int doc) {
        return brandOf[doc];
    }

    /** The index of the document's category path in {@link #categories}, or {@link #NONE}. */
    int category(int doc) {
        return categoryOf[doc];
    }

    /** The document's price bucket ({@link FacetedCollection#bucketOf}), or {@link #NONE}. */
    int priceBucket(int doc) {
        return priceBucketOf[doc];
    }

    /**
     * The first of {@link FacetedCollection#RATING_THRESHOLDS} (highest first) the document's rating reaches: it
     * counts for that threshold and every lower one; the number of thresholds when it reaches none.
     */
    int firstRatingReached(int doc) {
        return firstRatingReachedOf[doc];
    }

    static FacetColumns read(LeafReader reader) throws IOException {
        int maxDoc = reader.maxDoc();
        SortedSetDocValues labels = DocValues.getSortedSet(reader, FACET_FIELD);
        int ords = (int) labels.getValueCount();
        int[] brandOfOrd = new int[ords];
        int[] categoryOfOrd = new int[ords];
        List<String> brands = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        for (int ord = 0; ord < ords; ord++) {
            String[] path = FacetsConfig.stringToPath(labels.lookupOrd(ord).utf8ToString());
            boolean labelled = path.length == 2;
            brandOfOrd[ord] = labelled && path[0].equals(SearchDocuments.FACET_BRAND) ? add(brands, path[1]) : NONE;
            categoryOfOrd[ord] = labelled && path[0].equals(SearchDocuments.FACET_CATEGORY) ? add(categories, path[1]) : NONE;
        }
        int[] brandOf = filled(maxDoc);
        int[] categoryOf = filled(maxDoc);
        for (int doc = labels.nextDoc(); doc != SortedSetDocValues.NO_MORE_DOCS; doc = labels.nextDoc()) {
            for (int i = 0, n = labels.docValueCount(); i < n; i++) {
                int ord = (int) labels.nextOrd();
                brandOf[doc] = brandOfOrd[ord] != NONE ? brandOfOrd[ord] : brandOf[doc];
                categoryOf[doc] = categoryOfOrd[ord] != NONE ? categoryOfOrd[ord] : categoryOf[doc];
            }
        }
        byte[] priceBucketOf = new byte[maxDoc];
        Arrays.fill(priceBucketOf, (byte) NONE);
        NumericDocValues price = DocValues.getNumeric(reader, SearchDocuments.PRICE);
        for (int doc = price.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = price.nextDoc()) {
            priceBucketOf[doc] = (byte) FacetedCollection.bucketOf(price.longValue());
        }
        int[] thresholds = FacetedCollection.RATING_THRESHOLDS;
        byte[] firstRatingReachedOf = new byte[maxDoc];
        Arrays.fill(firstRatingReachedOf, (byte) thresholds.length);
        NumericDocValues rating = DocValues.getNumeric(reader, SearchDocuments.RATING);
        for (int doc = rating.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = rating.nextDoc()) {
            int first = 0;
            while (first < thresholds.length && rating.longValue() < thresholds[first] * 10L) {
                first++;
            }
            firstRatingReachedOf[doc] = (byte) first;
        }
        return new FacetColumns(brands.toArray(String[]::new), categories.toArray(String[]::new), brandOf, categoryOf,
                priceBucketOf, firstRatingReachedOf);
    }

    private static int add(List<String> labels, String label) {
        labels.add(label);
        return labels.size() - 1;
    }

    private static int[] filled(int length) {
        int[] values = new int[length];
        Arrays.fill(values, NONE);
        return values;
    }

    /** The columns of every segment the index's searchers have open, each read once. */
    static final class Cache {
        private final Map<IndexReader.CacheKey, FacetColumns> bySegment = new ConcurrentHashMap<>();

        FacetColumns of(LeafReader segment) {
            // The core's key: deletions (every product indexed again) give a segment a new reader, not new values.
            IndexReader.CacheHelper core = segment.getCoreCacheHelper();
            if (core == null) {
                return readUnchecked(segment);
            }
            return bySegment.computeIfAbsent(core.getKey(), key -> {
                core.addClosedListener(bySegment::remove);
                return readUnchecked(segment);
            });
        }

        private static FacetColumns readUnchecked(LeafReader segment) {
            try {
                return FacetColumns.read(segment);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
