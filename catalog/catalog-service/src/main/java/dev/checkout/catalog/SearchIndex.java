package dev.checkout.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import dev.checkout.catalog.IndexGenerations.Generation;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * This instance's Lucene index of the catalog, kept on disk ({@link IndexGenerations}). It follows every change the
 * catalog commits (a product written, a stock level applied, a review added): each change re-reads the product's
 * committed row, so applying one twice or late does no harm. On start, before requests and events are taken, it
 * opens the index it kept and catches up: every document carries the revision of the row it was made from, and the
 * products whose revision moved on (or that came or went) while it was down are indexed again. With no usable index,
 * or when most of the catalog changed, it rebuilds from the catalog's tables; an admin can ask for that too.
 * <p>
 * Longer than 300 lines on purpose: it is the one owner of the index's lifecycle (open, catch up, refresh, rebuild,
 * commit, close), and each of those reads or swaps the one current generation and the sets of products changed
 * meanwhile ({@code current}, {@code changedDuringRebuild}, {@code pending}, {@code rebuilding}); split, that state
 * would have to be shared between classes. What a document holds is {@link SearchDocuments}',
 * how queries read it {@link SearchQueries}' and {@link FacetedSearcher}'s, the files on disk {@link IndexGenerations}'.
 */
@Component
class SearchIndex implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    private static final int CHUNK = 1_000;
    private final FacetColumns.Cache facetColumns = new FacetColumns.Cache();
    private final SearcherFactory searcherFactory = new SearcherFactory() {
        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) throws IOException {
            return new FacetedSearcher(reader, facetColumns);
        }
    };

    private final Products products;
    private final Suggestions suggestions;
    private final IndexGenerations generations;
    private final Path temporary;
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    /** Products changed while a rebuild was reading the tables: applied again to the new index once it is in place. */
    private final Set<String> changedDuringRebuild = ConcurrentHashMap.newKeySet();
    /** Products whose stock changed, put in the index together by {@link #refreshPending()}. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private volatile Generation current;
    private volatile boolean running;
    private volatile Duration lastBuild = Duration.ZERO;

    SearchIndex(Products products, Suggestions suggestions, SearchProperties properties) throws IOException {
        this.products = products;
        this.suggestions = suggestions;
        this.temporary = properties.indexDirectory() == null ? Files.createTempDirectory("checkout-search-") : null;
        this.generations = new IndexGenerations(temporary != null ? temporary : properties.indexDirectory());
    }

    /** Runs {@code work} with a current searcher and releases it after. */
    <T> T withSearcher(SearcherWork<T> work) {
        try {
            return searchOnce(work);
        } catch (AlreadyClosedException swappedOut) {
            return searchOnce(work); // a rebuild swapped the index between reading it and acquiring a searcher
        }
    }

    private <T> T searchOnce(SearcherWork<T> work) {
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
            apply(generation, productIds);
            generation.searchers().maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void apply(Generation generation, Collection<String> productIds) throws IOException {
        List<String> ids = List.copyOf(productIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            for (String productId : chunk) {
                generation.writer().deleteDocuments(new Term(SearchDocuments.ID, productId));
                suggestions.forget(productId);
            }
            for (Products.Indexed indexed : products.findAllForIndex(chunk)) {
                Product product = indexed.product();
                if ("ACTIVE".equals(product.status())) {
                    generation.writer().updateDocument(new Term(SearchDocuments.ID, product.productId()), SearchDocuments.of(indexed));
                    suggestions.remember(product.productId(), product.name(), product.brand());
                }
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
            Generation fresh = generations.create(searcherFactory);
            suggestions.clear();
            int[] count = {0};
            try (Stream<Products.Indexed> all = products.streamForIndex()) {
                all.forEach(indexed -> {
                    try {
                        fresh.writer().addDocument(SearchDocuments.of(indexed));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    suggestions.remember(indexed.product().productId(), indexed.product().name(), indexed.product().brand());
                    count[0]++;
                });
            }
            fresh.writer().forceMerge(1);
            IndexGenerations.complete(fresh);
            fresh.searchers().maybeRefreshBlocking();
            Generation previous = current;
            current = fresh;
            rebuilding.set(false);
            List<String> late = List.copyOf(changedDuringRebuild);
            changedDuringRebuild.clear();
            refresh(late);
            if (previous != null) {
                previous.close();
            }
            generations.deleteAllBut(fresh);
            suggestions.rebuild(products.popularity());
            lastBuild = Duration.ofNanos(System.nanoTime() - started);
            log.info("search index built: {} products in {} ms", count[0], lastBuild.toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            rebuilding.set(false);
        }
    }

    /**
     * Opens the index kept on disk and indexes again what changed since: true when it is current, false when there
     * is none to keep or so much changed that a rebuild is the shorter way.
     */
    private boolean catchUp() throws IOException {
        Optional<Generation> kept = generations.openLatest(searcherFactory);
        if (kept.isEmpty()) {
            return false;
        }
        long started = System.nanoTime();
        Generation generation = kept.get();
        Map<String, Long> indexed = generation.revisions();
        Map<String, Long> catalog = products.activeRevisions();
        Set<String> stale = new HashSet<>();
        catalog.forEach((productId, revision) -> {
            if (!revision.equals(indexed.get(productId))) {
                stale.add(productId);
            }
        });
        indexed.keySet().stream().filter(productId -> !catalog.containsKey(productId)).forEach(stale::add);
        if (stale.size() > Math.max(CHUNK, catalog.size() / 2)) {
            log.info("search index on disk is behind on {} of {} products: rebuilding", stale.size(), catalog.size());
            generation.close();
            return false;
        }
        suggestions.clear();
        generation.forEachProduct(suggestions::remember);
        apply(generation, stale);
        generation.commit();
        generation.searchers().maybeRefreshBlocking();
        current = generation;
        generations.deleteAllBut(generation);
        suggestions.rebuild(products.popularity());
        lastBuild = Duration.ofNanos(System.nanoTime() - started);
        log.info("search index kept: {} products, {} indexed again, in {} ms", catalog.size(), stale.size(), lastBuild.toMillis());
        return true;
    }

    /** Makes the changes applied since the last commit durable, so a restart has less to catch up. */
    @Scheduled(fixedDelayString = "${checkout.search.commit-interval:PT5S}")
    void commit() {
        Generation generation = current;
        if (generation == null || !running) {
            return;
        }
        try {
            generation.commit();
        } catch (IOException | AlreadyClosedException e) {
            log.debug("search index commit skipped", e); // a rebuild swapped it out meanwhile: the new one is committed
        }
    }

    Duration lastBuild() {
        return lastBuild;
    }

    /** Builds the index before the web server and the Kafka listeners start, so nothing is served from an empty one. */
    @Override
    public void start() {
        try {
            if (!catchUp()) {
                rebuild();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("the search index on disk could not be caught up: rebuilding", e);
            rebuild();
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        try {
            Generation generation = current;
            if (generation != null) {
                generation.commit();
                generation.close();
            }
            if (temporary != null) {
                IOUtils.rm(temporary);
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
