package dev.checkout.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The administrator account made at start-up, from {@code CHECKOUT_ADMIN_EMAIL} and {@code CHECKOUT_ADMIN_PASSWORD}.
 * The launcher generates a password for development and prints it; production must set one.
 */
@ConfigurationProperties("checkout.admin")
record AdminAccountProperties(@DefaultValue("admin@localhost") String email, String password) {
}
