package dev.checkout.platform.messaging;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Connections of their own for the outbox relays, outside the pool: each relay keeps one for as long as it runs,
 * because the session holds its schema's relay lock, and a pool sized for requests must not lose a connection per
 * schema to them.
 */
class RelayConnections {

    private final JdbcConnectionDetails database;

    RelayConnections(JdbcConnectionDetails database) {
        this.database = database;
    }

    Connection open() {
        try {
            Connection connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(), database.getPassword());
            connection.setAutoCommit(true);
            return connection;
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("cannot open a connection for the outbox relay", e);
        }
    }
}
