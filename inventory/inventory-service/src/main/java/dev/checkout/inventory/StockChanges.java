package dev.checkout.inventory;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The products whose stock changed, noted for the {@link StockAnnouncer} to announce their level: an appended row each
 * in {@code inventory.stock_changes}, so noting never waits for another writer or for an announcer.
 */
@Repository
class StockChanges {

    private final JdbcClient jdbc;

    StockChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Notes that the products' stock changed. */
    void note(Collection<String> productIds) {
        List<String> products = productIds.stream().distinct().toList();
        if (!products.isEmpty()) {
            jdbc.sql("insert into inventory.stock_changes (product_id) select unnest(:products::text[])")
                    .param("products", products.toArray(String[]::new)).update();
        }
    }

    /** Noted changes taken by an announcer: how many, and the products they name, each once. */
    record Taken(int count, Collection<String> products) {
    }

    /** Takes up to {@code limit} noted changes, skipping any another announcer holds. */
    Taken take(int limit) {
        List<String> products = jdbc.sql("""
                        delete from inventory.stock_changes where id in (
                            select id from inventory.stock_changes order by id limit :limit for update skip locked)
                        returning product_id""")
                .param("limit", limit).query(String.class).list();
        return new Taken(products.size(), new LinkedHashSet<>(products));
    }
}
