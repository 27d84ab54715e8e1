package dev.checkout.platform.core;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled jobs' locks as PostgreSQL session-level advisory locks, on one connection of this process kept for
 * them, instead of a row of {@code shedlock} updated twice per run.
 * <p>
 * Why: a lock row costs two writing transactions (each a WAL flush) every time a job runs, whether it finds work or
 * not; with jobs every 0.5–5 s that was most of what an idle platform wrote. {@code pg_try_advisory_lock} writes
 * nothing. The exclusion is at least as strong: the lock lives exactly as long as the holder's session, so a process
 * that dies (or loses its connection) lets go at once instead of blocking the job elsewhere for {@code lockAtMostFor},
 * and a run that takes longer than {@code lockAtMostFor} is never overlapped by a second one. Advisory locks are
 * re-entrant within a session, so the names held by this process are also tracked here: a second run of the same job
 * in this process is refused like one in another process.
 * <p>
 * If the connection breaks, every lock on it is gone with it: the jobs running at that moment finish their round as
 * they would after a ShedLock lapse (every job is safe to overlap, its rows are taken under row locks), and the next
 * lock opens a new connection.
 */
final class AdvisoryLockProvider implements LockProvider, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdvisoryLockProvider.class);

    /** Opens a connection of its own (outside any pool, whose connections must never keep a session lock). */
    interface Connections {
        Connection open() throws SQLException;
    }

    private static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(10);

    private final Connections connections;
    private final Set<String> held = new HashSet<>();
    private Connection connection;

    AdvisoryLockProvider(Connections connections) {
        this.connections = connections;
    }

    /** The advisory-lock key of a job's lock: stable across processes and versions, apart from the outbox relays'. */
    static long key(String name) {
        long hash = 1125899906842597L;
        for (byte b : ("scheduled-job:" + name).getBytes(StandardCharsets.UTF_8)) {
            hash = 31 * hash + b;
        }
        return hash;
    }

    @Override
    public synchronized Optional<SimpleLock> lock(LockConfiguration configuration) {
        String name = configuration.getName();
        if (held.contains(name)) {
            return Optional.empty();
        }
        try {
            if (!call("select pg_try_advisory_lock(?)", key(name))) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            letGo();
            log.warn("cannot take the lock of job {}: {}", name, e.toString());
            return Optional.empty();
        }
        held.add(name);
        return Optional.of(new Held(name, connection));
    }

    /** Ends the session, and with it any lock still held, when the context closes (a test's context, or the process). */
    @Override
    public synchronized void close() {
        letGo();
    }

    private synchronized void unlock(String name, Connection lockedOn) {
        if (lockedOn != connection) {
            return; // that session is gone, and its locks with it
        }
        held.remove(name);
        try {
            if (!call("select pg_advisory_unlock(?)", key(name))) {
                log.warn("the lock of job {} was not held when it was let go", name);
            }
        } catch (SQLException e) {
            letGo(); // the session's state is unknown: end it, and every lock on it
            log.warn("cannot let go of the lock of job {}; ended its session instead: {}", name, e.toString());
        }
    }

    private synchronized boolean stillHeld(String name, Connection lockedOn) {
        return lockedOn == connection && held.contains(name);
    }

    private boolean call(String sql, long key) throws SQLException {
        if (connection == null) {
            connection = connections.open();
            connection.setAutoCommit(true);
            // Every job's lock goes through this one session: a server that stops answering must fail the call (the
            // session is then ended and reopened) instead of holding every job's scheduler thread.
            connection.setNetworkTimeout(Runnable::run, (int) NETWORK_TIMEOUT.toMillis());
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private void letGo() {
        Connection current = connection;
        connection = null;
        held.clear();
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // the session is gone either way
            }
        }
    }

    /** A lock this process holds; extending it costs nothing, since it lasts as long as its session. */
    private final class Held implements SimpleLock {

        private final String name;
        private final Connection lockedOn;

        Held(String name, Connection lockedOn) {
            this.name = name;
            this.lockedOn = lockedOn;
        }

        @Override
        public void unlock() {
            AdvisoryLockProvider.this.unlock(name, lockedOn);
        }

        @Override
        public Optional<SimpleLock> extend(Duration lockAtMostFor, Duration lockAtLeastFor) {
            return stillHeld(name, lockedOn) ? Optional.of(this) : Optional.empty();
        }
    }
}
