package dev.checkout.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from the embedded binaries on Maven Central, with durability turned back on (the library turns
 * {@code fsync} and {@code synchronous_commit} off for speed; a platform that promises never to lose an order
 * cannot).
 * <p>
 * {@code CHECKOUT_POSTGRES_SETTINGS} adds server settings for a run, {@code name=value} separated by commas: to see
 * what a benchmark's statements cost, {@code CHECKOUT_POSTGRES_SETTINGS=shared_preload_libraries=pg_stat_statements}
 * and then {@code create extension pg_stat_statements} in the {@code checkout} database.
 */
public final class PostgresServer implements ManagedServer {

    public static final String DATABASE = "checkout";
    public static final String USER = "postgres";
    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;

    public PostgresServer(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    @Override
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            Path data = dataDirectory.resolve("data");
            Files.createDirectories(dataDirectory);
            StaleProcesses.stopLeftover(data.resolve("postmaster.pid"), "postgres");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            extraSettings(System.getenv("CHECKOUT_POSTGRES_SETTINGS")).forEach(builder::setServerConfig);
            postgres = builder
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setOutputRedirector(Redirect.appendTo(dataDirectory.resolve("postgres.log").toFile()))
                    .setErrorRedirector(Redirect.appendTo(dataDirectory.resolve("postgres.log").toFile()))
                    .start();
            createDatabaseIfMissing();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    /** {@code name=value} pairs separated by commas; blank for none. */
    static Map<String, String> extraSettings(String settings) {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (settings == null || settings.isBlank()) {
            return parsed;
        }
        for (String setting : settings.split(",")) {
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("CHECKOUT_POSTGRES_SETTINGS: '" + setting + "' is not name=value");
            }
            parsed.put(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
        }
        return parsed;
    }

    @Override
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }

    /** SIGKILLs the postmaster and its backends: PostgreSQL recovers from its WAL on the next start. */
    @Override
    public synchronized void kill() {
        if (postgres == null) {
            return;
        }
        Path pidFile = dataDirectory.resolve("data").resolve("postmaster.pid");
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
            ProcessHandle.of(pid).ifPresent(postmaster -> {
                List<ProcessHandle> backends = postmaster.descendants().toList();
                postmaster.destroyForcibly();
                backends.forEach(ProcessHandle::destroyForcibly);
                awaitExit(postmaster);
                backends.forEach(PostgresServer::awaitExit);
            });
            // Release the library's lock on the data directory. It will try to stop the server first and log that it
            // could not: that is expected, the server is already gone.
            log.warn("killed PostgreSQL on port {}; an error about not stopping the postmaster follows and is expected", port);
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return postgres != null;
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(USER, "postgres"));
             var statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!exists.next()) {
                statement.execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE, e);
        }
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("process " + process.pid() + " did not exit", e);
        }
    }
}
