package dev.checkout.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.checkout.platform.infra.FreePorts;
import dev.checkout.platform.infra.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.springframework.util.FileSystemUtils;

/**
 * A real Redis of the inventory tests' own, for the gate: tests flush it, stop it and start it again without
 * disturbing the run's shared servers (which other tests use at the same time). One per test JVM, stopped with it.
 */
final class GateRedisServer {

    private static final RedisServerProcess SERVER = startServer();
    private static final RedisClient CLIENT = RedisClient.create(SERVER.url());
    private static StatefulRedisConnection<String, String> connection;

    private GateRedisServer() {
    }

    private static RedisServerProcess startServer() {
        try {
            Path directory = Files.createTempDirectory("inventory-gate-redis-");
            var server = new RedisServerProcess(directory, FreePorts.next());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                FileSystemUtils.deleteRecursively(directory.toFile());
            }, "inventory-gate-redis-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String url() {
        return SERVER.url();
    }

    /** Raw commands, as an operator (or a fault) would send them behind the service's back. */
    static synchronized RedisCommands<String, String> redis() {
        if (connection == null || !connection.isOpen()) {
            connection = CLIENT.connect();
        }
        return connection.sync();
    }

    static void stop() {
        SERVER.stop();
    }

    static void start() {
        SERVER.start();
    }

    static boolean isRunning() {
        return SERVER.isRunning();
    }
}
