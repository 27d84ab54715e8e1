package dev.checkout.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * What the platform registers through {@code META-INF/spring.factories} on the classpath it shares with an in-process
 * simulator: an environment post-processor adding low-precedence defaults (like the platform's PlatformDefaults), a
 * listener and an initializer. Registered for these tests by {@code src/test/resources/META-INF/spring.factories};
 * each records being called, and none may be.
 */
final class HostileHost {

    static final List<String> reachedTheSimulator = new CopyOnWriteArrayList<>();

    private HostileHost() {
    }

    static final class Defaults implements EnvironmentPostProcessor {

        @Override
        public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
            reachedTheSimulator.add("environment post-processor");
            environment.getPropertySources().addLast(new MapPropertySource("host-defaults", Map.of(
                    "server.servlet.context-path", "/platform",
                    "spring.jackson.property-naming-strategy", "LOWER_CAMEL_CASE")));
        }
    }

    static final class Listener implements ApplicationListener<ApplicationEvent> {

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            reachedTheSimulator.add("listener: " + event.getClass().getSimpleName());
        }
    }

    static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            reachedTheSimulator.add("initializer");
        }
    }
}
