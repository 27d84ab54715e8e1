package dev.checkout.platform.infra;

/** A server process we started and can stop, kill or start again on the same port and data. */
public interface ManagedServer extends AutoCloseable {

    String name();

    int port();

    /** Starts the server (again) and returns once it accepts clients. */
    void start();

    /** Stops the server cleanly. */
    void stop();

    /** Ends the server abruptly, as a crash or {@code kill -9} would. */
    void kill();

    boolean isRunning();

    @Override
    default void close() {
        if (isRunning()) {
            stop();
        }
    }
}
