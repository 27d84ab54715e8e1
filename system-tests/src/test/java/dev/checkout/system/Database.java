package dev.checkout.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.checkout.platform.infra.ServerAddresses;

/** Read-only looks into the shared database, for assertions about what the services committed. */
final class Database {

    private final ServerAddresses servers;

    Database(ServerAddresses servers) {
        this.servers = servers;
    }

    List<String> strings(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(servers.jdbcUrl(), servers.username(), servers.password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    long count(String sql, Object... parameters) {
        return Long.parseLong(strings(sql, parameters).getFirst());
    }
}
