package dev.checkout.platform.messaging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Makes a service's configuration class a service of the platform, in one place: registers its
 * {@link dev.checkout.platform.core.ServiceDescriptor} (so its schema is migrated and its messaging tables created
 * there), declares the topics it owns (each with its {@code .DLQ}) and registers its {@link ServiceMessaging} (so one
 * outbox relay runs for it). The rest of the configuration class is what only that service has.
 * <pre>{@code
 * @Configuration(proxyBeanMethods = false)
 * @ComponentScan
 * @CheckoutService(name = "inventory-service", schema = "inventory", topics = InventoryTopics.COMMANDS,
 *         messaging = InventoryServiceConfiguration.InventoryMessaging.class)
 * public class InventoryServiceConfiguration { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(CheckoutServiceRegistrar.class)
public @interface CheckoutService {

    /** The service's name: Kafka consumer group, {@code source} of the messages it publishes, log field. */
    String name();

    /** The PostgreSQL schema the service owns; no other service reads or writes it. */
    String schema();

    /** The topics the service owns (those its {@code *-api} module defines): commands it takes, events it publishes. */
    String[] topics() default {};

    /**
     * The service's outbox and inbox: a subclass of {@link ServiceMessaging} with a
     * {@code (MessagingSupport, ServiceDescriptor)} constructor, which its components inject by type. None for a
     * service that neither publishes nor consumes.
     */
    Class<? extends ServiceMessaging>[] messaging() default {};
}
