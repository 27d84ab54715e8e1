package dev.checkout.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import dev.checkout.platform.infra.EmbeddedServers;
import dev.checkout.platform.infra.ServerAddresses;

/**
 * The real servers the integration tests of one run share. {@code ./checkout test} starts them once and names a file
 * with their addresses in {@code CHECKOUT_TEST_SERVERS}; a test run any other way (one module, an IDE) starts them
 * once for its JVM and stops them when the JVM exits. Never the machine's own PostgreSQL or Redis.
 */
public final class SharedServers {

    public static final String ENVIRONMENT_VARIABLE = "CHECKOUT_TEST_SERVERS";

    private static ServerAddresses addresses;
    private static EmbeddedServers ownServers;

    private SharedServers() {
    }

    /** Where the servers are; starts them for this JVM if nobody has. */
    public static synchronized ServerAddresses addresses() {
        if (addresses == null) {
            String file = System.getenv(ENVIRONMENT_VARIABLE);
            if (file != null && !file.isBlank() && Files.exists(Path.of(file))) {
                addresses = ServerAddresses.read(Path.of(file));
            } else {
                addresses = startOwn();
            }
        }
        return addresses;
    }

    /** The servers this JVM started itself, for tests that must stop or kill one; empty when they are shared. */
    public static synchronized Optional<EmbeddedServers> ownServers() {
        addresses();
        return Optional.ofNullable(ownServers);
    }

    private static ServerAddresses startOwn() {
        try {
            Path dataDirectory = Files.createTempDirectory("checkout-test-servers-");
            ownServers = EmbeddedServers.start(dataDirectory);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                ownServers.close();
                deleteQuietly(dataDirectory);
            }, "test-servers-stop"));
            return ServerAddresses.of(ownServers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
