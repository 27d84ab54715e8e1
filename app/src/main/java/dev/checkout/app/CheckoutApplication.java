package dev.checkout.app;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import dev.checkout.app.demo.DemoCatalogueConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The services of this process, on the platform's auto-configuration, the API's description and, when switched on, the
 * demo catalogue. Which services: see {@link Services}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({Services.Selector.class, ApiDescription.class, DemoCatalogueConfiguration.class})
public class CheckoutApplication {
}
