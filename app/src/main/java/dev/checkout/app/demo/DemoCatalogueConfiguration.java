package dev.checkout.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import dev.checkout.catalog.CatalogServiceConfiguration;
import dev.checkout.platform.web.ServiceUrls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fills an empty catalogue with the demo store in the background once the platform is up, when
 * {@code checkout.demo-catalogue.enabled} is true (the launcher's development default; off everywhere else). Only the process that runs the catalog service
 * does it, so several processes started with {@code --services} do not all try.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("checkout.demo-catalogue.enabled")
public class DemoCatalogueConfiguration {

    static final String CATALOGUE = "demo/catalogue.json";

    @Bean
    DemoCatalogueFilling demoCatalogueFilling(RestClient.Builder http, ServiceUrls urls, JsonMapper json, Environment environment) {
        DemoCatalogue catalogue;
        try (InputStream in = new ClassPathResource(CATALOGUE).getInputStream()) {
            catalogue = json.readValue(in, DemoCatalogue.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CATALOGUE, e);
        }
        var admin = new DemoCatalogueFilling.Admin(environment.getProperty("checkout.admin.email", "admin@localhost"),
                environment.getProperty("checkout.admin.password", ""));
        return new DemoCatalogueFilling(catalogue, new AdminApi(http, urls, admin));
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> fillTheDemoCatalogueOnceReady(DemoCatalogueFilling filling,
                                                                            ObjectProvider<CatalogServiceConfiguration> catalogHere) {
        return ready -> {
            if (catalogHere.getIfAvailable() != null) {
                // In the background: a platform that is up answers /health at once, its demo store follows in seconds.
                Thread.ofPlatform().name("demo-catalogue").daemon().start(filling::fillIfEmpty);
            }
        };
    }
}
