package dev.checkout.platform.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the three servers are, as a process (a test run, a service process) is told: written to a small properties
 * file by whoever started them and read by whoever uses them.
 */
public record ServerAddresses(String jdbcUrl, String username, String password, String redisUrl, String kafkaBootstrapServers) {

    public static ServerAddresses of(EmbeddedServers servers) {
        return new ServerAddresses(servers.postgres().jdbcUrl(), PostgresServer.USER, "postgres", servers.redis().url(),
                servers.kafka().bootstrapServers());
    }

    public static ServerAddresses read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServerAddresses(properties.getProperty("jdbc_url"), properties.getProperty("username"),
                properties.getProperty("password"), properties.getProperty("redis_url"),
                properties.getProperty("kafka_bootstrap_servers"));
    }

    public void write(Path file) {
        Properties properties = new Properties();
        properties.setProperty("jdbc_url", jdbcUrl);
        properties.setProperty("username", username);
        properties.setProperty("password", password);
        properties.setProperty("redis_url", redisUrl);
        properties.setProperty("kafka_bootstrap_servers", kafkaBootstrapServers);
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary)) {
                properties.store(writer, "addresses of the servers");
            }
            // Readers wait for the file to appear; it must appear complete.
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As Spring settings, for a process that should use these servers. */
    public java.util.Map<String, String> asSpringProperties() {
        return java.util.Map.of(
                "spring.datasource.url", jdbcUrl,
                "spring.datasource.username", username,
                "spring.datasource.password", password,
                "spring.data.redis.url", redisUrl,
                "spring.kafka.bootstrap-servers", kafkaBootstrapServers);
    }
}
