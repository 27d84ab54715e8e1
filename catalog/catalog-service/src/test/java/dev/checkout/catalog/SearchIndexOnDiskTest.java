package dev.checkout.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.web.PageQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index kept on disk across restarts: reused and caught up when it can be, rebuilt when it cannot. */
class SearchIndexOnDiskTest {

    @TempDir
    Path directory;

    /** The catalog's rows as the index reads them, with the revision each row's last write took. */
    private final Map<String, Products.Indexed> rows = new HashMap<>();
    private long revision;

    @Test
    void aRestartSearchesTheIndexItKeptWithoutReadingTheCatalogAgain() {
        write("p1", "Trellowave kettle");
        write("p2", "Quillimor toaster");
        stop(started(catalog()));

        Products catalog = catalog();
        SearchIndex restarted = started(catalog);

        assertThat(names(restarted, "trellowave")).containsExactly("Trellowave kettle");
        verify(catalog, never()).streamForIndex();
        stop(restarted);
    }

    @Test
    void aRestartIndexesAgainOnlyWhatChangedWhileItWasDown() {
        write("p1", "Trellowave kettle");
        write("p2", "Quillimor toaster");
        write("p3", "Brondavex blender");
        stop(started(catalog()));
        write("p2", "Quillimor toaster deluxe");
        rows.remove("p3");
        write("p4", "Zephandor lamp");

        Products catalog = catalog();
        SearchIndex restarted = started(catalog);

        assertThat(names(restarted, "quillimor")).containsExactly("Quillimor toaster deluxe");
        assertThat(names(restarted, "brondavex")).isEmpty();
        assertThat(names(restarted, "zephandor")).containsExactly("Zephandor lamp");
        assertThat(names(restarted, "trellowave")).containsExactly("Trellowave kettle");
        verify(catalog, never()).streamForIndex();
        stop(restarted);
    }

    @Test
    void aHalfWrittenRebuildIsIgnoredAndTheLastCompleteIndexServes() throws IOException {
        write("p1", "Trellowave kettle");
        stop(started(catalog()));
        Files.createDirectories(directory.resolve("999999999999"));
        Files.writeString(directory.resolve("999999999999").resolve("_0.cfs"), "cut short by a crash");

        SearchIndex restarted = started(catalog());

        assertThat(names(restarted, "trellowave")).containsExactly("Trellowave kettle");
        assertThat(directory.resolve("999999999999")).doesNotExist();
        stop(restarted);
    }

    @Test
    void withoutAnIndexOnDiskTheCatalogIsIndexedFromItsTables() {
        write("p1", "Trellowave kettle");

        Products catalog = catalog();
        SearchIndex index = started(catalog);

        assertThat(names(index, "trelowave")).containsExactly("Trellowave kettle");
        verify(catalog).streamForIndex();
        stop(index);
    }

    private void write(String productId, String name) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Product product = new Product(productId, "SKU-" + productId, name, "Made to last.", "Acme", "home/kitchen",
                new BigDecimal("20.00"), null, null, null, "USD", Map.of(), "ACTIVE", BigDecimal.ZERO, 0, 5, 1, List.of(), now, now);
        rows.put(productId, new Products.Indexed(product, ++revision));
    }

    @SuppressWarnings("unchecked")
    private Products catalog() {
        Products products = mock(Products.class);
        when(products.streamForIndex()).thenAnswer(call -> List.copyOf(rows.values()).stream());
        when(products.activeRevisions()).thenAnswer(call -> {
            Map<String, Long> revisions = new HashMap<>();
            rows.forEach((id, row) -> revisions.put(id, row.revision()));
            return revisions;
        });
        when(products.findAllForIndex(anyCollection())).thenAnswer(call -> ((Collection<String>) call.getArgument(0)).stream()
                .filter(rows::containsKey).map(rows::get).toList());
        when(products.popularity()).thenReturn(Map.of());
        return products;
    }

    private SearchIndex started(Products products) {
        try {
            SearchIndex index = new SearchIndex(products, new Suggestions(), SearchProperties.of(directory));
            index.start();
            return index;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void stop(SearchIndex index) {
        index.stop();
    }

    private static List<String> names(SearchIndex index, String q) {
        return new ProductSearch(index, null, SearchProperties.of(null)).find(new ProductSearch.Query(q, null, null, null, null, null, null, null),
                PageQuery.of(1, 20)).products().stream().map(ProductViews.Summary::name).toList();
    }
}
