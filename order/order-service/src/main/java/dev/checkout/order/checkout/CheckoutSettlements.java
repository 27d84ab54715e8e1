package dev.checkout.order.checkout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells a request waiting to answer {@code POST /checkouts} that inventory answered its reservation, in whichever
 * order-service instance the answer was consumed. The consumer that records the answer calls {@link #announce} in its
 * transaction (a PostgreSQL {@code NOTIFY}, delivered at commit to every listening session); each instance keeps one
 * connection of its own listening, outside the pool, and completes the waits of the checkouts named. A wait that
 * hears nothing (the listening connection was being reopened) ends at its deadline, and the caller reads the row then.
 */
@Component
class CheckoutSettlements implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckoutSettlements.class);
    static final String CHANNEL = "order_checkout_settled";

    private final JdbcConnectionDetails database;
    private final JdbcClient jdbc;
    private final Map<String, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread listener;

    CheckoutSettlements(JdbcConnectionDetails database, JdbcClient jdbc) {
        this.database = database;
        this.jdbc = jdbc;
    }

    /** In the transaction that settled the checkout: every instance hears of it once the transaction commits. */
    void announce(String checkoutId) {
        jdbc.sql("select pg_notify('" + CHANNEL + "', :id)").param("id", checkoutId).query((rs, row) -> 1).list();
    }

    /** Starts listening for {@code checkoutId}: call before reading its row, so an answer in between is not missed. */
    Wait expect(String checkoutId) {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        waiting.computeIfAbsent(checkoutId, id -> ConcurrentHashMap.newKeySet()).add(settled);
        return new Wait(checkoutId, settled);
    }

    /** One request's wait for one checkout; close it when done. */
    final class Wait implements AutoCloseable {
        private final String checkoutId;
        private final CompletableFuture<Void> settled;

        private Wait(String checkoutId, CompletableFuture<Void> settled) {
            this.checkoutId = checkoutId;
            this.settled = settled;
        }

        /** Whether the settlement was heard within {@code timeout}. */
        boolean heardWithin(Duration timeout) {
            try {
                settled.get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                return false;
            }
        }

        @Override
        public void close() {
            waiting.computeIfPresent(checkoutId, (id, waits) -> {
                waits.remove(settled);
                return waits.isEmpty() ? null : waits;
            });
        }
    }

    @Override
    public void start() {
        running = true;
        listener = Thread.ofPlatform().daemon().name("checkout-settlements").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(), database.getPassword())) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] heard = notifications.getNotifications(1_000);
                    if (heard == null) {
                        continue;
                    }
                    for (PGNotification notification : heard) {
                        waiting.getOrDefault(notification.getParameter(), Set.of()).forEach(settled -> settled.complete(null));
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                log.warn("listening for settled checkouts failed; listening again in a second: {}", e.getMessage());
                try {
                    Thread.sleep(1_000); // a pause before reconnecting, not a wait for anything
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
