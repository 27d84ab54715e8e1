package dev.checkout.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The machine's PostgreSQL limit for the work a checkout leans on, measured like pgbench: single-row conditional
 * updates, each its own transaction (a durable commit), from {@code clients} connections, for {@code duration}.
 */
final class PostgresCommitRate {

    private PostgresCommitRate() {
    }

    static double measure(String jdbcUrl, int clients, Duration duration) throws Exception {
        try (Connection setup = DriverManager.getConnection(jdbcUrl, "postgres", "postgres"); var statement = setup.createStatement()) {
            statement.execute("create schema if not exists bench");
            statement.execute("create table if not exists bench.counters (id int primary key, total int not null, reserved int not null)");
            statement.execute("insert into bench.counters values " + rows(clients) + " on conflict (id) do update set total = excluded.total, reserved = 0");
        }
        LongAdder commits = new LongAdder();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int row = client;
            threads.add(Thread.ofPlatform().start(() -> {
                try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                     PreparedStatement update = connection.prepareStatement(
                             "update bench.counters set reserved = reserved + 1 where id = ? and total - reserved >= 1")) {
                    connection.setAutoCommit(true);
                    update.setInt(1, row);
                    while (System.nanoTime() < end) {
                        update.executeUpdate();
                        commits.increment();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return commits.sum() / (duration.toMillis() / 1000.0);
    }

    private static String rows(int clients) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < clients; i++) {
            values.append(i == 0 ? "" : ",").append("(").append(i).append(", 2000000000, 0)");
        }
        return values.toString();
    }
}
