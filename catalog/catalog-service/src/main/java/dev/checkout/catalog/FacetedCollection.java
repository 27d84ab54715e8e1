package dev.checkout.catalog;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * The page of results and every facet's counts in one pass over the hits of the text and the filters that are no facet
 * dimension. Each hit is checked against each dimension's filter: one that passes them all is a result and counts in
 * every dimension; one that fails a single dimension's filter counts in that dimension only, since a facet counts what
 * passes every filter but its own. (A pass per filtered dimension, and a collection of hits per count, cost about a
 * third of a search's CPU: JFR.)
 */
final class FacetedCollection implements CollectorManager<FacetedCollection.Pass, FacetedCollection.Counted> {

    static final long[] PRICE_BOUNDS_CENTS = {0, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000};
    static final int[] RATING_THRESHOLDS = {4, 3, 2, 1};
    private static final SearchQueries.Dimension[] DIMENSIONS = SearchQueries.Dimension.values();

    /** The results, and per dimension what passed every filter but that dimension's. */
    record Counted(TopFieldDocs top, Map<String, Long> brands, Map<String, Long> categories, long[] prices, long[] ratings) {
    }

    private final FacetedSearcher searcher;
    private final TopFieldCollectorManager top;
    private final Weight[] filters = new Weight[DIMENSIONS.length];

    FacetedCollection(FacetedSearcher searcher, Map<SearchQueries.Dimension, org.apache.lucene.search.Query> dimensions, Sort sort,
                      int wanted) throws IOException {
        this.searcher = searcher;
        this.top = new TopFieldCollectorManager(sort, wanted, null, Integer.MAX_VALUE);
        for (Map.Entry<SearchQueries.Dimension, org.apache.lucene.search.Query> dimension : dimensions.entrySet()) {
            filters[dimension.getKey().ordinal()] = searcher.createWeight(searcher.rewrite(dimension.getValue()),
                    ScoreMode.COMPLETE_NO_SCORES, 1f);
        }
    }

    @Override
    public Pass newCollector() throws IOException {
        return new Pass(top.newCollector());
    }

    @Override
    public Counted reduce(Collection<Pass> passes) throws IOException {
        Map<String, Long> brands = new HashMap<>();
        Map<String, Long> categories = new HashMap<>();
        long[] prices = new long[PRICE_BOUNDS_CENTS.length];
        long[] ratings = new long[RATING_THRESHOLDS.length];
        for (Pass pass : passes) {
            pass.brands.forEach((label, count) -> brands.merge(label, count, Long::sum));
            pass.categories.forEach((label, count) -> categories.merge(label, count, Long::sum));
            for (int i = 0; i < prices.length; i++) {
                prices[i] += pass.prices[i];
            }
            for (int i = 0; i < ratings.length; i++) {
                ratings[i] += pass.ratings[i];
            }
        }
        TopFieldDocs docs = top.reduce(passes.stream().map(pass -> pass.results).toList());
        return new Counted(docs, brands, categories, prices, ratings);
    }

    final class Pass implements Collector {
        private final TopFieldCollector results;
        private final Map<String, Long> brands = new HashMap<>();
        private final Map<String, Long> categories = new HashMap<>();
        private final long[] prices = new long[PRICE_BOUNDS_CENTS.length];
        private final long[] ratings = new long[RATING_THRESHOLDS.length];

        Pass(TopFieldCollector results) {
            this.results = results;
        }

        @Override
        public ScoreMode scoreMode() {
            return results.scoreMode();
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            return new Leaf(context, results.getLeafCollector(context));
        }

        /** One segment: its labels are counted in arrays and added to the pass's counts when it is done. */
        private final class Leaf implements LeafCollector {
            private final LeafCollector page;
            private final Filter[] checks = new Filter[DIMENSIONS.length];
            private final FacetColumns columns;
            private final long[] brandCounts;
            private final long[] categoryCounts;

            Leaf(LeafReaderContext context, LeafCollector page) throws IOException {
                this.page = page;
                for (int d = 0; d < DIMENSIONS.length; d++) {
                    if (filters[d] != null) {
                        checks[d] = Filter.of(filters[d].scorerSupplier(context));
                    }
                }
                this.columns = searcher.columns(context);
                this.brandCounts = new long[columns.brands.length];
                this.categoryCounts = new long[columns.categories.length];
            }

            @Override
            public void setScorer(Scorable scorer) throws IOException {
                page.setScorer(scorer);
            }

            @Override
            public void collect(int doc) throws IOException {
                int failed = -1;
                for (int d = 0; d < checks.length; d++) {
                    if (checks[d] != null && !checks[d].matches(doc)) {
                        if (failed >= 0) {
                            return; // fails two filters: counts nowhere
                        }
                        failed = d;
                    }
                }
                if (failed < 0) {
                    page.collect(doc);
                }
                int brand = columns.brand(doc);
                if (brand != FacetColumns.NONE && counts(failed, SearchQueries.Dimension.BRAND)) {
                    brandCounts[brand]++;
                }
                int category = columns.category(doc);
                if (category != FacetColumns.NONE && counts(failed, SearchQueries.Dimension.CATEGORY)) {
                    categoryCounts[category]++;
                }
                int bucket = columns.priceBucket(doc);
                if (bucket != FacetColumns.NONE && counts(failed, SearchQueries.Dimension.PRICE)) {
                    prices[bucket]++;
                }
                if (counts(failed, SearchQueries.Dimension.RATING)) {
                    for (int i = columns.firstRatingReached(doc); i < ratings.length; i++) {
                        ratings[i]++;
                    }
                }
            }

            @Override
            public void finish() throws IOException {
                page.finish();
                label(brandCounts, columns.brands, brands);
                label(categoryCounts, columns.categories, categories);
            }

            private static void label(long[] counted, String[] labels, Map<String, Long> counts) {
                for (int label = 0; label < counted.length; label++) {
                    if (counted[label] > 0) {
                        counts.merge(labels[label], counted[label], Long::sum);
                    }
                }
            }
        }
    }

    private static boolean counts(int failed, SearchQueries.Dimension dimension) {
        return failed < 0 || failed == dimension.ordinal();
    }

    /** The disjoint price bucket of {@code cents}: from each bound up to (not including) the next; the last is open. */
    static int bucketOf(long cents) {
        for (int i = PRICE_BOUNDS_CENTS.length - 1; i >= 0; i--) {
            if (cents >= PRICE_BOUNDS_CENTS[i]) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a hit passes one dimension's filter; hits arrive in increasing order within a segment. */
    private record Filter(DocIdSetIterator approximation, TwoPhaseIterator confirmation) {

        static Filter of(ScorerSupplier supplier) throws IOException {
            if (supplier == null) {
                return new Filter(DocIdSetIterator.empty(), null);
            }
            Scorer scorer = supplier.get(1); // checked hit by hit: doc values rather than a set built up front
            TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
            return new Filter(twoPhase != null ? twoPhase.approximation() : scorer.iterator(), twoPhase);
        }

        boolean matches(int doc) throws IOException {
            int at = approximation.docID() < doc ? approximation.advance(doc) : approximation.docID();
            return at == doc && (confirmation == null || confirmation.matches());
        }
    }
}
