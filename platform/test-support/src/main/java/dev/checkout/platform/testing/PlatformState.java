package dev.checkout.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import dev.checkout.platform.infra.ServerAddresses;

/**
 * What "nothing changed" means for a refused request: the row count of every table the services own, and the number
 * of charges and refunds in the gateway's ledger. Bookkeeping tables (outbox, processed messages, locks, migrations,
 * dead letters, stock-change notes) and copies fed by events (the order service's price copy) are left out: they follow
 * work that was accepted before.
 */
public final class PlatformState implements AutoCloseable {

    private static final List<String> BOOKKEEPING = List.of("outbox", "processed_messages", "shedlock", "flyway_schema_history",
            "dead_letters", "relay_state", "stock_changes", "product_prices");

    private final Connection connection;
    private final String countAll;
    private final List<String> tables;
    private final LongSupplier ledgerSize;
    private Map<String, Long> lastReading;

    public PlatformState(ServerAddresses servers, LongSupplier ledgerSize) {
        this.ledgerSize = ledgerSize;
        try {
            this.connection = DriverManager.getConnection(servers.jdbcUrl(), servers.username(), servers.password());
            List<String> found = new ArrayList<>();
            try (ResultSet rs = connection.createStatement().executeQuery("""
                    select table_schema || '.' || table_name from information_schema.tables
                    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema', 'public')
                    order by 1""")) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    if (BOOKKEEPING.stream().noneMatch(table::endsWith)) {
                        found.add(table);
                    }
                }
            }
            this.tables = List.copyOf(found);
            this.countAll = "select " + String.join(", ", tables.stream().map(t -> "(select count(*) from " + t + ")").toList());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the platform's tables", e);
        }
    }

    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (ResultSet rs = connection.createStatement().executeQuery(countAll)) {
            rs.next();
            for (int i = 0; i < tables.size(); i++) {
                counts.put(tables.get(i), rs.getLong(i + 1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the platform's rows", e);
        }
        counts.put("gateway.ledger", ledgerSize.getAsLong());
        return counts;
    }

    /**
     * Whether nothing changed since the last call: polled (with Awaitility) until two readings in a row agree, it says
     * that the work of earlier requests has settled.
     */
    public boolean isQuiet() {
        Map<String, Long> now = counts();
        boolean quiet = now.equals(lastReading);
        lastReading = now;
        return quiet;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
