package dev.checkout.platform.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.checkout.platform.infra.ServerAddresses;
import dev.checkout.platform.testing.SharedServers;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduled jobs' locks on PostgreSQL advisory locks: one holder at a time across processes (each provider here is
 * one process, with a session of its own), given up at once by a process whose session ends, and free of writes.
 */
class AdvisoryLockProviderIT {

    private final ServerAddresses servers = SharedServers.addresses();
    private final List<Connection> opened = new ArrayList<>();
    private final AdvisoryLockProvider one = new AdvisoryLockProvider(this::open);
    private final AdvisoryLockProvider other = new AdvisoryLockProvider(this::open);
    private final String job = "job-" + UUID.randomUUID();

    @AfterEach
    void closeSessions() throws SQLException {
        for (Connection connection : opened) {
            connection.close();
        }
    }

    @Test
    void aJobLockedByOneProcessIsRefusedToAnotherUntilTheFirstLetsGo() {
        Optional<SimpleLock> first = one.lock(configuration());

        assertThat(first).isPresent();
        assertThat(other.lock(configuration())).isEmpty();

        first.orElseThrow().unlock();
        Optional<SimpleLock> second = other.lock(configuration());
        assertThat(second).isPresent();
        assertThat(one.lock(configuration())).isEmpty();
        second.orElseThrow().unlock();
    }

    @Test
    void aJobAlreadyRunningInThisProcessIsNotStartedAgainThoughTheSessionWouldAllowIt() {
        Optional<SimpleLock> running = one.lock(configuration());

        assertThat(one.lock(configuration())).isEmpty();

        running.orElseThrow().unlock();
        assertThat(one.lock(configuration())).isPresent();
    }

    @Test
    void aProcessWhoseSessionEndsLetsGoOfItsJobsAtOnceNotAfterLockAtMostFor() throws SQLException {
        assertThat(one.lock(configuration())).isPresent();

        opened.getFirst().close(); // the process died: its session, and the lock with it, end

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> other.lock(configuration()).isPresent());
    }

    @Test
    void aProviderClosedWithItsContextLetsGoOfWhatItHeld() {
        assertThat(one.lock(configuration())).isPresent();

        one.close();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> other.lock(configuration()).isPresent());
    }

    @Test
    void aJobSayingItIsStillWorkingKeepsItsLockAndLetsItGoWhenDone() {
        var executor = new DefaultLockingTaskExecutor(one);

        executor.executeWithLock((Runnable) () -> {
            JobLocks.stillWorking();
            assertThat(other.lock(configuration())).as("still held after an extension").isEmpty();
        }, configuration());

        assertThat(other.lock(configuration())).as("let go after the run").isPresent();
    }

    @Test
    void takingAndLettingGoOfALockWritesNothing() throws SQLException {
        try (Connection watcher = open()) {
            long before = nextTransactionId(watcher);
            for (int round = 0; round < 20; round++) {
                one.lock(configuration()).orElseThrow().unlock();
            }
            // Other tests may write beside this one; twenty rounds of a lock row would have taken forty ids.
            assertThat(nextTransactionId(watcher) - before).isLessThan(20);
        }
    }

    private LockConfiguration configuration() {
        return new LockConfiguration(Instant.now(), job, JobLocks.HOLD, Duration.ZERO);
    }

    private Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection(servers.jdbcUrl(), servers.username(), servers.password());
        opened.add(connection);
        return connection;
    }

    private static long nextTransactionId(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var result = statement.executeQuery("select pg_snapshot_xmax(pg_current_snapshot())::text::bigint")) {
            result.next();
            return result.getLong(1);
        }
    }
}
