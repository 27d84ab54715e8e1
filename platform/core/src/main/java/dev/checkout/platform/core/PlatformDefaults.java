package dev.checkout.platform.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Adds the settings the platform modules ship in {@code META-INF/checkout-defaults/*.yaml} (Kafka producer and
 * consumer, JSON naming, pools, actuator) with the lowest precedence, so any process built from them gets them, and
 * an {@code application.yaml}, an environment variable or a command-line option still overrides each one.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        var loader = new YamlPropertySourceLoader();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver(getClass().getClassLoader())
                    .getResources("classpath*:META-INF/checkout-defaults/*.yaml");
            List<Resource> sorted = new ArrayList<>(List.of(resources));
            sorted.sort((a, b) -> String.valueOf(a.getFilename()).compareTo(String.valueOf(b.getFilename())));
            Collections.reverse(sorted);
            for (Resource resource : sorted) {
                for (PropertySource<?> source : loader.load("checkout-defaults:" + resource.getFilename(), resource)) {
                    environment.getPropertySources().addLast(source);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the platform defaults", e);
        }
    }
}
