package dev.checkout.inventory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The inventory service alone, on the platform, as its integration tests boot it. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(InventoryServiceConfiguration.class)
class InventoryTestApplication {
}
