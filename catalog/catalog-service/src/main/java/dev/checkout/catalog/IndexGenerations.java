package dev.checkout.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index's files: one numbered directory per generation under the index directory. A rebuild writes the next
 * generation beside the one serving and commits it only when complete, so a crash in the middle leaves the last
 * complete generation to start from. A generation is usable when its last commit carries the current document format.
 */
final class IndexGenerations {

    private static final Logger log = LoggerFactory.getLogger(IndexGenerations.class);
    private static final String FORMAT_KEY = "document_format";

    private final Path root;

    IndexGenerations(Path root) {
        this.root = root;
    }

    /** One generation: its directory, its single writer and the searchers over it. */
    record Generation(Path path, Directory directory, IndexWriter writer, SearcherManager searchers) {

        /** Makes what was applied so far durable. */
        void commit() throws IOException {
            if (writer.hasUncommittedChanges()) {
                writer.commit();
            }
        }

        /** The revision each indexed product was indexed at, by product id. */
        Map<String, Long> revisions() throws IOException {
            Map<String, Long> revisions = new HashMap<>();
            forEachLiveDocument((leaf, doc) -> {
                try {
                    SortedDocValues ids = leaf.reader().getSortedDocValues(SearchDocuments.ID);
                    NumericDocValues revision = leaf.reader().getNumericDocValues(SearchDocuments.REVISION);
                    if (ids != null && ids.advanceExact(doc)) {
                        long indexedAt = revision != null && revision.advanceExact(doc) ? revision.longValue() : -1;
                        revisions.put(ids.lookupOrd(ids.ordValue()).utf8ToString(), indexedAt);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return revisions;
        }

        /** Calls {@code shown} with each indexed product's id, name and brand (what suggestions are drawn from). */
        void forEachProduct(ProductNames shown) throws IOException {
            IndexSearcher searcher = searchers.acquire();
            try {
                StoredFields stored = searcher.storedFields();
                IndexReader reader = searcher.getIndexReader();
                Bits live = org.apache.lucene.index.MultiBits.getLiveDocs(reader);
                for (int doc = 0; doc < reader.maxDoc(); doc++) {
                    if (live == null || live.get(doc)) {
                        var document = stored.document(doc, java.util.Set.of(SearchDocuments.ID, "name", "brand"));
                        shown.accept(document.get(SearchDocuments.ID), document.get("name"), document.get("brand"));
                    }
                }
            } finally {
                searchers.release(searcher);
            }
        }

        private void forEachLiveDocument(BiConsumer<LeafReaderContext, Integer> action) throws IOException {
            IndexSearcher searcher = searchers.acquire();
            try {
                for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                    Bits live = leaf.reader().getLiveDocs();
                    for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                        if (live == null || live.get(doc)) {
                            action.accept(leaf, doc);
                        }
                    }
                }
            } finally {
                searchers.release(searcher);
            }
        }

        void close() throws IOException {
            IOUtils.close(searchers, writer, directory);
        }
    }

    interface ProductNames {
        void accept(String productId, String name, String brand);
    }

    /** The newest complete generation of the current format, opened for searching and writing; empty when none. */
    Optional<Generation> openLatest(SearcherFactory searcherFactory) {
        for (Path path : generations().reversed()) {
            try (Directory directory = FSDirectory.open(path)) {
                if (!DirectoryReader.indexExists(directory) || !SearchDocuments.FORMAT.equals(formatOf(directory))) {
                    continue;
                }
            } catch (IOException | RuntimeException unreadable) {
                log.warn("search index generation {} is unreadable; an older one or a rebuild takes its place", path, unreadable);
                continue;
            }
            try {
                return Optional.of(open(path, searcherFactory, IndexWriterConfig.OpenMode.APPEND));
            } catch (IOException | RuntimeException unreadable) {
                log.warn("search index generation {} could not be opened", path, unreadable);
            }
        }
        return Optional.empty();
    }

    /** A new, empty generation numbered after every existing one; it counts once {@link #complete} commits it. */
    Generation create(SearcherFactory searcherFactory) throws IOException {
        List<Path> existing = generations();
        long next = existing.isEmpty() ? 1 : number(existing.getLast()) + 1;
        return open(root.resolve(String.format("%012d", next)), searcherFactory, IndexWriterConfig.OpenMode.CREATE);
    }

    /** Commits a fully built generation, marking it with the document format it was written in. */
    static void complete(Generation generation) throws IOException {
        generation.writer().setLiveCommitData(Map.of(FORMAT_KEY, SearchDocuments.FORMAT).entrySet());
        generation.writer().commit();
    }

    /** Deletes every generation but {@code kept} (older ones, and any a crash left half-built). */
    void deleteAllBut(Generation kept) {
        for (Path path : generations()) {
            if (!path.equals(kept.path())) {
                try {
                    IOUtils.rm(path);
                } catch (IOException e) {
                    log.warn("could not delete the old search index generation {}", path, e);
                }
            }
        }
    }

    private static Generation open(Path path, SearcherFactory searcherFactory, IndexWriterConfig.OpenMode mode) throws IOException {
        Directory directory = FSDirectory.open(path);
        try {
            IndexWriterConfig config = new IndexWriterConfig(SearchDocuments.ANALYZER).setSimilarity(new BM25Similarity())
                    .setRAMBufferSizeMB(64).setOpenMode(mode).setCommitOnClose(false); // only complete() marks a new one usable
            IndexWriter writer = new IndexWriter(directory, config);
            if (mode == IndexWriterConfig.OpenMode.APPEND) {
                writer.setLiveCommitData(Map.of(FORMAT_KEY, SearchDocuments.FORMAT).entrySet());
            }
            return new Generation(path, directory, writer, new SearcherManager(writer, searcherFactory));
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    private static String formatOf(Directory directory) throws IOException {
        return DirectoryReader.listCommits(directory).getLast().getUserData().get(FORMAT_KEY);
    }

    private List<Path> generations() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(p -> p.getFileName().toString().matches("\\d{12}") && Files.isDirectory(p))
                    .sorted(Comparator.comparingLong(IndexGenerations::number)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long number(Path generation) {
        return Long.parseLong(generation.getFileName().toString());
    }
}
