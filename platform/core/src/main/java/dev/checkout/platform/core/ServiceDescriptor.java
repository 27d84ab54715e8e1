package dev.checkout.platform.core;

import java.util.regex.Pattern;

/**
 * Who a service is. Each service registers one as a bean; the platform then migrates its schema, creates its
 * messaging tables there and runs one outbox relay for it.
 *
 * @param name   the service's name: Kafka consumer group, {@code source} of the messages it publishes, log field
 * @param schema the PostgreSQL schema the service owns; no other service reads or writes it
 */
public record ServiceDescriptor(String name, String schema) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,40}");

    public ServiceDescriptor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a service needs a name");
        }
        // The schema is spliced into SQL, so it must be a plain identifier.
        if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
    }

    /** The table's name qualified by this service's schema, for SQL. */
    public String table(String table) {
        return schema + "." + table;
    }
}
