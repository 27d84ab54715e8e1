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
 */
@ConfigurationProperties("checkout.search")
record SearchProperties(Path indexDirectory, @DefaultValue("PT5S") Duration commitInterval) {
}
