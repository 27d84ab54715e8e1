package dev.checkout.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import redis.embedded.RedisServer;

/**
 * Redis from the embedded binary, with an append-only file in our data directory so a restart keeps what it held.
 * Redis is a cache and a fast gate here: every service can rebuild what it keeps in Redis from PostgreSQL.
 */
public final class RedisServerProcess implements ManagedServer {

    private static final int BUSY_BINARY_ATTEMPTS = 20;
    private static final Duration BUSY_BINARY_PAUSE = Duration.ofMillis(50);

    private final Path dataDirectory;
    private final int port;
    private RedisServer redis;

    public RedisServerProcess(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public synchronized void start() {
        if (redis != null) {
            return;
        }
        try {
            Files.createDirectories(dataDirectory);
            Path pidFile = dataDirectory.resolve("redis.pid");
            StaleProcesses.stopLeftover(pidFile, "redis-server");
            redis = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + dataDirectory.toAbsolutePath())
                    .setting("pidfile " + pidFile.toAbsolutePath())
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("save \"\"")
                    .setting("maxmemory-policy noeviction")
                    .onShutdownForceStop(true)
                    .build();
            startOnceTheBinaryIsFree(redis);
        } catch (IOException e) {
            redis = null;
            throw new UncheckedIOException("Redis did not start in " + dataDirectory, e);
        }
    }

    /**
     * Starts the server, again while the kernel refuses to run its binary as "Text file busy" (ETXTBSY). The library
     * has just written the binary to a temporary file; a process that another thread of this JVM starts at that moment
     * (the servers start in parallel) inherits the file's descriptor between its fork and its exec, and until that exec
     * no one may run the file. It clears in milliseconds; a fresh clone's {@code ChaosIT} once failed on it.
     */
    private static void startOnceTheBinaryIsFree(RedisServer redis) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                redis.start();
                return;
            } catch (IOException e) {
                if (attempt == BUSY_BINARY_ATTEMPTS || !isTextFileBusy(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(BUSY_BINARY_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Whether starting a process failed because its file was open for writing somewhere (errno 26). */
    static boolean isTextFileBusy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("Text file busy")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void stop() {
        if (redis == null) {
            return;
        }
        try {
            redis.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            redis = null;
        }
    }

    @Override
    public synchronized void kill() {
        if (redis == null) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("redis.pid")).getFirst().trim());
            ProcessHandle.of(pid).ifPresent(process -> {
                process.destroyForcibly();
                try {
                    process.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("redis did not exit", e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        redis = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return redis != null;
    }
}
