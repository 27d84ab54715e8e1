package dev.checkout.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.support.EnvironmentPostProcessorApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Starts the payment gateway simulator: in-process with {@link #start}, or as its own process with {@link #main}
 * ({@code java -jar payment-gateway-simulator-exec.jar --port 8090 --data-dir DIR}).
 * <p>
 * Both ways start the same isolated Spring context. It runs with exactly the settings below, in a property source
 * that outranks everything, and without the listeners that would let the host reach in: no
 * {@code EnvironmentPostProcessor} runs (so neither the host's {@code application.yaml} nor its defaults apply), no
 * listener or initializer other than Spring Boot's own is registered, and in-process it leaves the host's logging
 * system alone (Boot's logging listener would reset it, and shut it down when the simulator closes).
 * <p>
 * In-process the simulator registers no shutdown hook: the caller closes the returned handle. Nothing is lost if it
 * never does, since every ledger record is on the disk before it is answered.
 */
public final class GatewaySimulator {

    /** How long {@code tok_timeout} holds its answer unless told otherwise: longer than any sane client timeout. */
    public static final Duration DEFAULT_TIMEOUT_TOKEN_DELAY = Duration.ofSeconds(30);

    static final String HOST = "127.0.0.1";

    private static final Logger log = LoggerFactory.getLogger(GatewaySimulator.class);
    private static final String USAGE = """
            usage: java -jar payment-gateway-simulator-exec.jar [--port 8090] [--data-dir .checkout-data/gateway]
                                                             [--timeout-token-delay 30s]
              --port                 port to listen on at 127.0.0.1 (0 picks a free one)
              --data-dir             directory of the ledger; the same directory after a restart keeps every charge
              --timeout-token-delay  how long tok_timeout holds its answer after charging (e.g. 30s, 500ms)""";

    private GatewaySimulator() {
    }

    /**
     * Starts the simulator in this JVM, in its own Spring context, and returns once it accepts requests.
     *
     * @param port          the port to listen on at 127.0.0.1; 0 picks a free one
     * @param dataDirectory where the ledger lives; created when missing
     */
    public static RunningGatewaySimulator start(int port, Path dataDirectory) {
        return start(port, dataDirectory, DEFAULT_TIMEOUT_TOKEN_DELAY);
    }

    /** As {@link #start(int, Path)}, with {@code tok_timeout} holding its answer for {@code timeoutTokenDelay}. */
    public static RunningGatewaySimulator start(int port, Path dataDirectory, Duration timeoutTokenDelay) {
        RunningGatewaySimulator simulator = new RunningGatewaySimulator(
                launch(settings(port, dataDirectory, timeoutTokenDelay.toString()), false));
        log.info("Payment gateway simulator listening on {} (ledger in {})", simulator.baseUrl(), dataDirectory);
        return simulator;
    }

    public static void main(String[] args) {
        Map<String, Object> settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (settings == null) {
            System.out.println(USAGE);
            return;
        }
        RunningGatewaySimulator simulator;
        try {
            simulator = new RunningGatewaySimulator(launch(settings, true));
        } catch (RuntimeException e) {
            System.err.println("payment gateway simulator failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        // Tomcat's non-daemon thread keeps the process up; SIGTERM closes the context through Boot's shutdown hook.
        System.out.println("payment gateway simulator listening on " + simulator.baseUrl());
    }

    /** Reads the command line; {@code null} when help was asked for. */
    private static Map<String, Object> parse(String[] args) {
        String port = "8090";
        String dataDirectory = ".checkout-data/gateway";
        String timeoutTokenDelay = DEFAULT_TIMEOUT_TOKEN_DELAY.toString();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for " + name);
            }
            switch (name) {
                case "--port" -> port = value;
                case "--data-dir" -> dataDirectory = value;
                case "--timeout-token-delay" -> timeoutTokenDelay = value;
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, not " + port);
        }
        return settings(portNumber, Path.of(dataDirectory), timeoutTokenDelay);
    }

    /** Every setting the simulator relies on, stated outright so that both ways of starting it behave the same. */
    private static Map<String, Object> settings(int port, Path dataDirectory, String timeoutTokenDelay) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.application.name", "payment-gateway-simulator");
        settings.put("spring.main.banner-mode", "off");
        settings.put("spring.main.web-application-type", "servlet");
        settings.put("spring.main.lazy-initialization", "false");
        settings.put("spring.main.log-startup-info", "false");
        settings.put("spring.jmx.enabled", "false");
        // A held-back tok_timeout answer costs a virtual thread, not one of a bounded pool's platform threads.
        settings.put("spring.threads.virtual.enabled", "true");
        // No static resources from whatever jars the host has: unknown paths are JSON 404s.
        settings.put("spring.web.resources.add-mappings", "false");
        settings.put("spring.web.error.whitelabel.enabled", "false");
        settings.put("spring.mvc.servlet.path", "/");
        // Bodies are read raw as JSON; these filters would consume or reinterpret form-encoded ones first.
        settings.put("spring.mvc.formcontent.filter.enabled", "false");
        settings.put("spring.mvc.hiddenmethod.filter.enabled", "false");
        settings.put("server.address", HOST);
        settings.put("server.port", Integer.toString(port));
        settings.put("server.servlet.context-path", "");
        // The outside world stops like a crash: in-flight requests are cut, not waited for.
        settings.put("server.shutdown", "immediate");
        settings.put("server.http2.enabled", "false");
        settings.put("server.compression.enabled", "false");
        settings.put("server.tomcat.mbeanregistry.enabled", "false");
        settings.put("logging.level.root", "WARN");
        settings.put("logging.level.dev.checkout.gateway", "INFO");
        // An unknown URL is the caller's mistake, answered with a JSON 404; it needs no warning in the log.
        settings.put("logging.level.org.springframework.web.servlet.PageNotFound", "ERROR");
        settings.put("simulator.data-dir", dataDirectory.toAbsolutePath().toString());
        settings.put("simulator.timeout-token-delay", timeoutTokenDelay);
        settings.put("simulator.slow-token-delay", "2s");
        return settings;
    }

    private static ConfigurableApplicationContext launch(Map<String, Object> settings, boolean ownProcess) {
        Map<String, Object> effective = new LinkedHashMap<>(settings);
        // In-process, whoever holds the handle closes it, in its own order; a JVM hook of ours would race that.
        effective.put("spring.main.register-shutdown-hook", Boolean.toString(ownProcess));
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("payment-gateway-simulator", effective));
        SpringApplication application = new SpringApplication(SimulatorApplication.class);
        application.setEnvironment(environment);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.setBannerMode(Banner.Mode.OFF);
        application.setAddCommandLineProperties(false);
        application.setLogStartupInfo(false);
        application.setRegisterShutdownHook(ownProcess);
        application.setListeners(onlySpringBoot(application.getListeners(), listener ->
                !(listener instanceof EnvironmentPostProcessorApplicationListener)
                        && (ownProcess || !(listener instanceof LoggingApplicationListener))));
        application.setInitializers(onlySpringBoot(application.getInitializers(), initializer -> true));
        return application.run();
    }

    private static <T> List<T> onlySpringBoot(Collection<T> items, Predicate<T> keep) {
        List<T> kept = new ArrayList<>();
        for (T item : items) {
            if (item.getClass().getName().startsWith("org.springframework.boot.") && keep.test(item)) {
                kept.add(item);
            }
        }
        return kept;
    }
}
