package dev.checkout.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * This instance's Lucene index of the catalog. It is rebuilt from the catalog's own tables when the service starts
 * (before it takes requests or events) and on an admin's demand, and follows every change the catalog commits: a
 * product written, a stock level applied, a review added. Each change re-reads the product's committed row, so
 * applying one twice or late does no harm. The index lives in memory: a rebuild of 100,000 products takes seconds,
 * which keeps start-up inside its goal without a second copy of the catalog on disk to keep consistent.
 */
@Component
class SearchIndex implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

    private final Products products;
    private final Suggestions suggestions;
    private final Object swap = new Object();
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    /** Products changed while a rebuild was reading the tables: applied again to the new index once it is in place. */
    private final Set<String> changedDuringRebuild = ConcurrentHashMap.newKeySet();
    /** Products whose stock changed, put in the index together by {@link #refreshPending()}. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private volatile Generation current;
    private volatile boolean running;
    private volatile Duration lastBuild = Duration.ZERO;

    SearchIndex(Products products, Suggestions suggestions) {
        this.products = products;
        this.suggestions = suggestions;
    }

    /** A searcher with the facet state of its reader, built once per refresh rather than once per query. */
    static final class FacetedSearcher extends IndexSearcher {
        final SortedSetDocValuesReaderState facets;

        FacetedSearcher(IndexReader reader) throws IOException {
            super(reader);
            setSimilarity(new BM25Similarity());
            this.facets = hasFacets(reader) ? new DefaultSortedSetDocValuesReaderState(reader, SearchDocuments.FACETS) : null;
        }

        private static boolean hasFacets(IndexReader reader) {
            return reader.leaves().stream().anyMatch(leaf -> leaf.reader().getFieldInfos()
                    .fieldInfo(SearchDocuments.FACETS.getDimConfig(SearchDocuments.FACET_BRAND).indexFieldName) != null);
        }
    }

    private record Generation(ByteBuffersDirectory directory, IndexWriter writer, SearcherManager searchers) {

        static Generation open() throws IOException {
            ByteBuffersDirectory directory = new ByteBuffersDirectory();
            IndexWriterConfig config = new IndexWriterConfig(SearchDocuments.ANALYZER).setSimilarity(new BM25Similarity())
                    .setRAMBufferSizeMB(64);
            IndexWriter writer = new IndexWriter(directory, config);
            SearcherManager searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) throws IOException {
                    return new FacetedSearcher(reader);
                }
            });
            return new Generation(directory, writer, searchers);
        }

        void close() throws IOException {
            searchers.close();
            writer.close();
            directory.close();
        }
    }

    /** Runs {@code work} with a current searcher and releases it after. */
    <T> T withSearcher(SearcherWork<T> work) {
        SearcherManager searchers = current.searchers();
        try {
            FacetedSearcher searcher = (FacetedSearcher) searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface SearcherWork<T> {
        T apply(FacetedSearcher searcher) throws IOException;
    }

    /** Re-indexes the products once the current transaction commits (at once when there is none). */
    void refreshAfterCommit(Collection<String> productIds) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            refresh(productIds);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                refresh(productIds);
            }
        });
    }

    /**
     * Re-indexes the products within {@code checkout.search.stock-refresh-interval} of the commit. For stock levels,
     * which change with every order: a refresh per event wrote a Lucene segment per event and cost about a seventh of
     * the CPU of a busy checkout (JFR); gathered, a busy second costs a couple of refreshes.
     */
    void refreshSoon(Collection<String> productIds) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            pending.addAll(productIds);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                pending.addAll(productIds);
            }
        });
    }

    @Scheduled(fixedDelayString = "${checkout.search.stock-refresh-interval:PT0.5S}")
    void refreshPending() {
        if (pending.isEmpty()) {
            return;
        }
        List<String> productIds = new ArrayList<>(pending);
        // Taken out before the rows are read: a change committed after this point is either read now or pending again.
        pending.removeAll(productIds);
        try {
            refresh(productIds);
        } catch (RuntimeException e) {
            pending.addAll(productIds); // the next round tries them again
            throw e;
        }
    }

    /** Reads the products' committed rows and puts them in the index (or takes them out when gone or inactive). */
    void refresh(Collection<String> productIds) {
        if (productIds.isEmpty()) {
            return;
        }
        if (rebuilding.get()) {
            changedDuringRebuild.addAll(productIds);
        }
        Generation generation = current;
        if (generation == null) {
            return; // not built yet: the build at start reads the committed rows anyway
        }
        try {
            apply(generation, products.findAllForIndex(productIds), productIds);
            generation.searchers().maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void apply(Generation generation, List<Product> found, Collection<String> productIds) throws IOException {
        for (String productId : productIds) {
            generation.writer().deleteDocuments(new Term(SearchDocuments.ID, productId));
            suggestions.forget(productId);
        }
        for (Product product : found) {
            if ("ACTIVE".equals(product.status())) {
                generation.writer().updateDocument(new Term(SearchDocuments.ID, product.productId()), SearchDocuments.of(product));
                suggestions.remember(product.productId(), product.name(), product.brand());
            }
        }
    }

    /** Builds a fresh index from the catalog's tables and swaps it in; searches use the old one until then. */
    void rebuild() {
        if (!rebuilding.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        try {
            Generation fresh = Generation.open();
            suggestions.clear();
            int[] count = {0};
            try (Stream<Product> all = products.streamForIndex()) {
                all.forEach(product -> {
                    try {
                        fresh.writer().addDocument(SearchDocuments.of(product));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    suggestions.remember(product.productId(), product.name(), product.brand());
                    count[0]++;
                });
            }
            fresh.writer().forceMerge(1);
            fresh.searchers().maybeRefreshBlocking();
            Generation previous;
            synchronized (swap) {
                previous = current;
                current = fresh;
            }
            rebuilding.set(false);
            List<String> late = List.copyOf(changedDuringRebuild);
            changedDuringRebuild.clear();
            refresh(late);
            if (previous != null) {
                previous.close();
            }
            suggestions.rebuild(products.popularity());
            lastBuild = Duration.ofNanos(System.nanoTime() - started);
            log.info("search index built: {} products in {} ms", count[0], lastBuild.toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            rebuilding.set(false);
        }
    }

    Duration lastBuild() {
        return lastBuild;
    }

    /** Builds the index before the web server and the Kafka listeners start, so nothing is served from an empty one. */
    @Override
    public void start() {
        rebuild();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        try {
            Generation generation = current;
            if (generation != null) {
                generation.close();
            }
        } catch (IOException e) {
            log.warn("closing the search index failed", e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
