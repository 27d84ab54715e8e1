package dev.checkout.app;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The services of this process, on the platform's auto-configuration, and the API's description. Which services: see {@link Services}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({Services.Selector.class, ApiDescription.class})
public class CheckoutApplication {
}
