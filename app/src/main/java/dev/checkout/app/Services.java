package dev.checkout.app;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.cart.CartServiceConfiguration;
import dev.checkout.catalog.CatalogServiceConfiguration;
import dev.checkout.fulfillment.FulfillmentServiceConfiguration;
import dev.checkout.identity.IdentityServiceConfiguration;
import dev.checkout.inventory.InventoryServiceConfiguration;
import dev.checkout.notification.NotificationServiceConfiguration;
import dev.checkout.order.OrderServiceConfiguration;
import dev.checkout.payment.PaymentServiceConfiguration;
import dev.checkout.pricing.PricingServiceConfiguration;
import dev.checkout.storefront.StorefrontConfiguration;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/** The services a process can run, by name, and the choice made with {@code checkout.services} (default: all). */
final class Services {

    static final Map<String, Class<?>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("identity", IdentityServiceConfiguration.class);
        ALL.put("catalog", CatalogServiceConfiguration.class);
        ALL.put("inventory", InventoryServiceConfiguration.class);
        ALL.put("payment", PaymentServiceConfiguration.class);
        ALL.put("pricing", PricingServiceConfiguration.class);
        ALL.put("cart", CartServiceConfiguration.class);
        ALL.put("order", OrderServiceConfiguration.class);
        ALL.put("fulfillment", FulfillmentServiceConfiguration.class);
        ALL.put("notification", NotificationServiceConfiguration.class);
        ALL.put("storefront", StorefrontConfiguration.class);
    }

    private Services() {
    }

    /** Names from a comma-separated list; {@code all} (or nothing) means every service. */
    static List<String> parse(String list) {
        if (list == null || list.isBlank() || list.trim().equals("all")) {
            return List.copyOf(ALL.keySet());
        }
        List<String> names = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        for (String name : names) {
            if (!ALL.containsKey(name)) {
                throw new IllegalArgumentException("unknown service '" + name + "'; known: " + String.join(", ", ALL.keySet()));
            }
        }
        return names;
    }

    /** Imports the configuration of each chosen service. */
    static final class Selector implements ImportSelector, EnvironmentAware {
        private Environment environment;

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public String[] selectImports(AnnotationMetadata metadata) {
            return parse(environment.getProperty("checkout.services", "all")).stream()
                    .map(name -> ALL.get(name).getName()).toArray(String[]::new);
        }
    }
}
