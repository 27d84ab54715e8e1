package dev.checkout.platform.core;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Brings every schema of this process up to date before anything touches the database: the platform's own schema,
 * then, for each service, the platform tables every service carries (outbox, processed messages) and the service's
 * own migrations from {@code classpath:db/migration/<schema>}. Two histories per service schema keep the platform's
 * evolution apart from the service's.
 */
public class ServiceSchemaMigrations implements InitializingBean {

    public static final String PLATFORM_SCHEMA = "platform";
    private static final Logger log = LoggerFactory.getLogger(ServiceSchemaMigrations.class);

    private final DataSource dataSource;
    private final List<ServiceDescriptor> services;

    public ServiceSchemaMigrations(DataSource dataSource, List<ServiceDescriptor> services) {
        this.dataSource = dataSource;
        this.services = List.copyOf(services);
    }

    @Override
    public void afterPropertiesSet() {
        migrate(PLATFORM_SCHEMA, "flyway_schema_history", "classpath:db/platform");
        for (ServiceDescriptor service : services) {
            migrate(service.schema(), "platform_schema_history", "classpath:db/service-platform");
            migrate(service.schema(), "flyway_schema_history", "classpath:db/migration/" + service.schema());
        }
    }

    public List<ServiceDescriptor> services() {
        return services;
    }

    private void migrate(String schema, String historyTable, String location) {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                // A service schema holds two histories (the platform's tables and the service's own), so each finds the
                // schema non-empty on first run: start it from version 0 and apply every migration.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .table(historyTable)
                .locations(location)
                .placeholders(Map.of("schema", schema))
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            log.info("migrated schema {} from {}: {} migration(s), now at version {}", schema, location,
                    result.migrationsExecuted, result.targetSchemaVersion);
        }
    }
}
