package dev.checkout.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.checkout.gateway.GatewaySimulator;
import dev.checkout.platform.core.CrashPoints;
import dev.checkout.gateway.RunningGatewaySimulator;
import dev.checkout.platform.infra.EmbeddedServers;
import dev.checkout.platform.infra.ServerAddresses;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * {@code ./checkout run} and {@code ./checkout servers}: starts what the services need, then the services, and stops
 * everything in reverse order on Ctrl-C or SIGTERM.
 * <ul>
 * <li>{@code run [--port 8080] [--gateway-port 8090] [--data-dir ./.checkout-data] [--external] [--services all]
 * [--gateway-url URL]}: embedded PostgreSQL, Redis and Kafka on free local ports with their data under the data
 * directory (with {@code --external}, each server named by its standard Spring setting is used instead, and the others
 * are still embedded), the payment gateway simulator (unless {@code --gateway-url} names one), then the services.
 * Any other {@code --name=value} option is passed to Spring.</li>
 * <li>{@code servers --data-dir DIR --addresses-file FILE}: only the three servers, their addresses written to the
 * file, until stopped; the test run shares them this way.</li>
 * </ul>
 */
public final class CheckoutLauncher {

    private CheckoutLauncher() {
    }

    public static void main(String[] args) throws Exception {
        quietBeforeSpring();
        List<String> arguments = new ArrayList<>(List.of(args));
        String command = arguments.isEmpty() || arguments.getFirst().startsWith("--") ? "run" : arguments.removeFirst();
        Options options = Options.parse(arguments);
        switch (command) {
            case "run" -> run(options);
            case "servers" -> servers(options);
            default -> {
                System.err.println("unknown command '" + command + "': use run or servers");
                System.exit(2);
            }
        }
    }

    private static void run(Options options) throws InterruptedException {
        long started = System.nanoTime();
        Path dataDirectory = options.dataDirectory();
        Map<String, Object> properties = new LinkedHashMap<>();
        // With --external, each server the environment names is used and only the others are embedded.
        boolean embedPostgres = !options.external() || !isSetInEnvironment("spring.datasource.url");
        boolean embedRedis = !options.external() || !isSetInEnvironment("spring.data.redis.url");
        boolean embedKafka = !options.external() || !isSetInEnvironment("spring.kafka.bootstrap-servers");
        // E-mail goes to an SMTP server the environment names (SPRING_MAIL_HOST) with --external, else to the notification
        // service's embedded one.
        if (options.external() && isSetInEnvironment("spring.mail.host")) {
            properties.put("checkout.notification.embedded-mail-server", false);
        }
        // Registered before anything is started: a stop during the start (Ctrl-C, SIGTERM) or a start that fails must not
        // leave the embedded servers running, on a temporary data directory for good.
        Stopping stopping = new Stopping();
        Runtime.getRuntime().addShutdownHook(new Thread(stopping::stop, "checkout-stop"));
        EmbeddedServers servers = null;
        if (embedPostgres || embedRedis || embedKafka) {
            servers = EmbeddedServers.start(dataDirectory, embedPostgres, embedRedis, embedKafka);
            stopping.servers = servers;
            properties.putAll(servers.springProperties());
        }
        boolean production = options.springArguments().stream().anyMatch(a -> a.startsWith("--spring.profiles.active") && a.contains("prod"))
                || String.valueOf(System.getenv("SPRING_PROFILES_ACTIVE")).contains("prod");
        String adminEmail = System.getenv().getOrDefault("CHECKOUT_ADMIN_EMAIL", "admin@localhost");
        String adminPassword = System.getenv("CHECKOUT_ADMIN_PASSWORD");
        if (!production) {
            if (adminPassword == null || adminPassword.isBlank()) {
                adminPassword = developmentSecret(dataDirectory, "admin-password", 15);
                properties.put("checkout.admin.password", adminPassword);
            }
            // Identity's signing key: a random one per data directory, made on first use by identity itself, so every
            // process started on this data directory (--services) signs, or checks, with the same key.
            if (System.getenv("CHECKOUT_SECURITY_SIGNING_KEY") == null && System.getenv("CHECKOUT_SECURITY_SIGNING_KEY_FILE") == null) {
                properties.put("checkout.security.signing-key-file", dataDirectory.resolve("secrets").resolve("identity-signing-key.json").toAbsolutePath().toString());
            }
            if (System.getenv("CHECKOUT_SECURITY_SERVICE_CREDENTIAL") == null) {
                properties.put("checkout.security.service-credential", developmentSecret(dataDirectory, "service-credential", 32));
            }
            // A store to look at from the first start: an empty catalogue gets the demo products once. Tests, benchmarks
            // and chaos runs start the platform with CHECKOUT_DEMO_CATALOGUE_ENABLED=false and make their own products.
            if (!isSetInEnvironment("checkout.demo-catalogue.enabled")) {
                properties.put("checkout.demo-catalogue.enabled", true);
            }
        }
        RunningGatewaySimulator gateway = null;
        String gatewayUrl = options.gatewayUrl();
        if (gatewayUrl == null) {
            gateway = GatewaySimulator.start(options.gatewayPort(), dataDirectory.resolve("gateway"));
            stopping.gateway = gateway;
            gatewayUrl = gateway.baseUrl();
        }
        properties.put("checkout.payment.gateway-url", gatewayUrl);
        properties.put("server.port", options.port());
        properties.put("checkout.services", options.services());
        properties.put("checkout.search.index-directory", dataDirectory.resolve("search-index").toAbsolutePath().toString());
        properties.put("logging.file.name", dataDirectory.resolve("logs").resolve("checkout.log").toString());
        properties.put("logging.structured.format.file", "logstash");

        SpringApplication application = new SpringApplication(CheckoutApplication.class);
        // What the launcher decided outranks application.yaml; options given to Spring on the command line outrank it.
        // A typed listener, not a lambda: Spring cannot see a lambda's event type, so it would offer it every event of
        // the context's life (one per HTTP request among them) and catch the ClassCastException each time.
        application.addListeners(new LauncherSettings(properties));
        application.setRegisterShutdownHook(false);
        ConfigurableApplicationContext context;
        try {
            context = application.run(options.springArguments().toArray(String[]::new));
        } catch (RuntimeException failed) {
            stopping.stop();
            throw failed;
        }
        stopping.context = context;

        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", String.valueOf(options.port())));
        Duration startup = Duration.ofNanos(System.nanoTime() - started);
        System.out.println();
        System.out.printf("Checkout platform ready in %.1f s (services: %s)%n", startup.toMillis() / 1000.0, String.join(", ", Services.parse(options.services())));
        System.out.printf("  API               http://localhost:%d/api/v1%n", port);
        System.out.printf("  Health            http://localhost:%d/health%n", port);
        System.out.printf("  Metrics           http://localhost:%d/actuator/prometheus%n", port);
        System.out.printf("  Payment gateway   %s%s%n", gatewayUrl, gateway != null ? "  (simulator; faults: PUT /sim/faults)" : "");
        if (!production) {
            System.out.printf("  Admin             %s / %s%n", adminEmail, adminPassword == null ? "(from CHECKOUT_ADMIN_PASSWORD)" : adminPassword);
        }
        System.out.printf("  Data              %s%n", dataDirectory.toAbsolutePath());
        if (servers != null) {
            System.out.printf("  Embedded servers  %s%n", servers.describe());
        }
        System.out.println("Press Ctrl-C to stop.");
        stopping.stopped.await();
    }

    /** What {@code run} started, stopped once, newest first: by the shutdown hook, or at once when the start fails. */
    private static final class Stopping {
        volatile EmbeddedServers servers;
        volatile RunningGatewaySimulator gateway;
        volatile ConfigurableApplicationContext context;
        final CountDownLatch stopped = new CountDownLatch(1);
        private final AtomicBoolean stopping = new AtomicBoolean();

        void stop() {
            if (!stopping.compareAndSet(false, true)) {
                return;
            }
            System.out.println("stopping the checkout platform…");
            if (context != null) {
                context.close();
            }
            if (gateway != null) {
                gateway.close();
            }
            if (servers != null) {
                servers.close();
            }
            System.out.println("stopped.");
            stopped.countDown();
        }
    }

    /**
     * Until Spring configures logging, Logback logs everything; the servers' start-up (Kafka's clients, the PostgreSQL
     * library) would flood the console. Spring's own configuration replaces this once the services start.
     */
    private static void quietBeforeSpring() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.INFO);
            context.getLogger("org.apache.kafka").setLevel(ch.qos.logback.classic.Level.ERROR);
            context.getLogger("io.zonky").setLevel(ch.qos.logback.classic.Level.WARN);
            context.getLogger("org.apache.catalina").setLevel(ch.qos.logback.classic.Level.WARN);
            context.getLogger("org.springframework.boot.tomcat").setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static void servers(Options options) throws InterruptedException {
        EmbeddedServers servers = EmbeddedServers.start(options.dataDirectory());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            servers.close();
            stopped.countDown();
        }, "servers-stop"));
        if (options.addressesFile() != null) {
            ServerAddresses.of(servers).write(options.addressesFile());
        }
        System.out.println("servers ready: " + servers.describe());
        stopped.await();
    }

    /** Whether a Spring setting is given as an environment variable ({@code spring.datasource.url} → {@code SPRING_DATASOURCE_URL}). */
    private static boolean isSetInEnvironment(String property) {
        String variable = property.toUpperCase().replace('.', '_').replace('-', '_');
        String value = System.getenv(variable);
        return value != null && !value.isBlank();
    }

    /** A secret generated on first use and kept in the data directory, so tokens and the admin password survive restarts. */
    private static String developmentSecret(Path dataDirectory, String name, int bytes) {
        Path file = dataDirectory.resolve("secrets").resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[bytes];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, secret);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The launcher's options; everything it does not know goes to Spring. */
    record Options(int port, int gatewayPort, Path dataDirectory, boolean external, String services, String gatewayUrl,
                   Path addressesFile, List<String> springArguments) {

        static Options parse(List<String> arguments) {
            int port = 8080;
            int gatewayPort = 8090;
            Path dataDirectory = Path.of(".checkout-data");
            boolean external = false;
            String services = "all";
            String gatewayUrl = null;
            Path addressesFile = null;
            List<String> spring = new ArrayList<>();
            for (int i = 0; i < arguments.size(); i++) {
                String argument = arguments.get(i);
                String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
                boolean inline = argument.contains("=");
                java.util.function.Supplier<String> value = inline ? () -> argument.substring(argument.indexOf('=') + 1) : null;
                switch (name) {
                    case "--port" -> port = Integer.parseInt(inline ? value.get() : arguments.get(++i));
                    case "--gateway-port" -> gatewayPort = Integer.parseInt(inline ? value.get() : arguments.get(++i));
                    case "--data-dir" -> dataDirectory = Path.of(inline ? value.get() : arguments.get(++i));
                    case "--external" -> external = true;
                    case "--services" -> services = inline ? value.get() : arguments.get(++i);
                    case "--gateway-url" -> gatewayUrl = inline ? value.get() : arguments.get(++i);
                    case "--addresses-file" -> addressesFile = Path.of(inline ? value.get() : arguments.get(++i));
                    case "--checkout.crash-points" -> {
                        // Crash points are read before Spring starts (they may sit anywhere), so they become a system property.
                        System.setProperty("checkout.crash-points", inline ? value.get() : arguments.get(++i));
                        CrashPoints.reload();
                    }
                    default -> spring.add(argument);
                }
            }
            Services.parse(services);
            return new Options(port, gatewayPort, dataDirectory, external, services, gatewayUrl, addressesFile, List.copyOf(spring));
        }
    }

    /** Puts what the launcher decided above application.yaml, below options given to Spring on the command line. */
    private record LauncherSettings(Map<String, Object> properties)
            implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        /** Before the logging system starts (it reads {@code logging.file.name}), after application.yaml is loaded. */
        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE + 15;
        }

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            MutablePropertySources sources = event.getEnvironment().getPropertySources();
            var launcher = new MapPropertySource("launcher", properties);
            if (sources.contains(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME)) {
                sources.addAfter(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME, launcher);
            } else {
                sources.addFirst(launcher);
            }
        }
    }
}
