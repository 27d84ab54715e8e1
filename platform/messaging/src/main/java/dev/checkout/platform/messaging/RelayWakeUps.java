package dev.checkout.platform.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;

import dev.checkout.platform.core.Backoff;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes this process's relays when another process commits outbox rows of their schema, through PostgreSQL's
 * {@code LISTEN}/{@code NOTIFY} on {@link #CHANNEL} (the payload is the schema), so an idle leader does not have to poll
 * often for rows it did not write. A relay standing by that its own process wakes (it committed rows, see
 * {@link ServiceMessaging#publish}) passes the wake-up on with {@link #notifySql()}; the leader's own process wakes it
 * directly. A notification can still be missed (the process that committed died before passing it on, or this
 * connection was down): the relays' slower poll ({@code checkout.messaging.relay-poll-interval}) finds those rows,
 * and after a reconnection every relay here is woken once.
 */
final class RelayWakeUps implements Runnable {

    static final String CHANNEL = "checkout_outbox_relay";
    private static final Logger log = LoggerFactory.getLogger(RelayWakeUps.class);
    private static final Backoff AFTER_FAILURE = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));
    /** How long one wait for notifications lasts; stopping takes at most this long. */
    private static final int WAIT_MILLIS = 1000;

    private final RelayConnections connections;
    private final MessagingSupport support;
    private final Collection<String> schemas;
    private volatile boolean running = true;
    private volatile Thread thread;

    RelayWakeUps(RelayConnections connections, MessagingSupport support, Collection<String> schemas) {
        this.connections = connections;
        this.support = support;
        this.schemas = schemas;
    }

    /** The statement a relay runs to wake the leader of its schema, wherever it runs; its parameter is the schema. */
    static String notifySql() {
        return "select pg_notify('" + CHANNEL + "', ?)";
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        int failures = 0;
        while (running) {
            try (Connection connection = connections.open()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("listen " + CHANNEL);
                }
                failures = 0;
                schemas.forEach(schema -> support.signal(schema).wakeUp()); // whatever was notified while not listening
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            if (schemas.contains(notification.getParameter())) {
                                support.signal(notification.getParameter()).wakeUp();
                            }
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                Duration backoff = AFTER_FAILURE.after(++failures);
                log.warn("outbox relay wake-ups lost their connection; listening again in {} ms: {}", backoff.toMillis(), e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            try {
                current.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
