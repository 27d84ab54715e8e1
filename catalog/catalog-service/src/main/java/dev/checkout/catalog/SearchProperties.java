package dev.checkout.catalog;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Search settings ({@code checkout.search.*}).
 *
 * @param indexDirectory where this instance keeps its index ({@code ./checkout run} puts it in the data directory);
 *                       without one, a temporary directory that lives as long as the service
 * @param commitInterval how often changes applied since the last commit are made durable; what a crash loses of
 *                       them is caught up from the catalog's revisions on the next start
 * @param concurrentSearches how many product searches run at once (0: one per processor); the others wait their turn
 *                           in arrival order. A search is CPU work: more at once than there are processors only makes
 *                           every one of them slower (and the slowest much slower) while the machine switches between
 *                           them
 * @param searchQueueTimeout how long a search waits for its turn before it is refused as {@code 503 overloaded}
 */
@ConfigurationProperties("checkout.search")
record SearchProperties(Path indexDirectory, @DefaultValue("PT5S") Duration commitInterval,
                        @DefaultValue("0") int concurrentSearches, @DefaultValue("PT2S") Duration searchQueueTimeout) {

    /** The defaults, with the index in {@code indexDirectory}. */
    static SearchProperties of(Path indexDirectory) {
        return new SearchProperties(indexDirectory, Duration.ofSeconds(5), 0, Duration.ofSeconds(2));
    }

    int concurrentSearchesOrProcessors() {
        return concurrentSearches > 0 ? concurrentSearches : Runtime.getRuntime().availableProcessors();
    }
}
