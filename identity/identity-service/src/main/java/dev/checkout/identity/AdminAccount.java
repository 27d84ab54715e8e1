package dev.checkout.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.checkout.platform.core.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Makes sure the configured administrator exists with the configured password and the ADMIN role. Configuration is the
 * source of truth for this one account, so changing {@code CHECKOUT_ADMIN_PASSWORD} and restarting changes it.
 * In production a password must be configured; elsewhere a missing one is generated and logged once.
 */
@Component
class AdminAccount implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final AdminAccountProperties properties;
    private final Users users;
    private final PasswordEncoder passwords;
    private final Environment environment;
    private final Clock clock;

    AdminAccount(AdminAccountProperties properties, Users users, PasswordEncoder passwords, Environment environment, Clock clock) {
        this.properties = properties;
        this.users = users;
        this.passwords = passwords;
        this.environment = environment;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String password = properties.password();
        if (password == null || password.isBlank()) {
            if (environment.acceptsProfiles(Profiles.of("prod"))) {
                throw new IllegalStateException("refusing to start in production without CHECKOUT_ADMIN_PASSWORD");
            }
            // Never logged: the log is a file others read. ./checkout run generates, keeps and prints the password itself;
            // a process started otherwise gets one nobody knows, so the account cannot be used until one is set.
            password = generatePassword();
            log.warn("no CHECKOUT_ADMIN_PASSWORD set; the development admin {} got a random password that is not shown: set CHECKOUT_ADMIN_PASSWORD to use it",
                    properties.email());
        } else if (password.length() < 12 && environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("refusing to start in production with an admin password shorter than 12 characters");
        }
        String hash = passwords.encode(password);
        var admin = new User(Ids.newId("user"), properties.email(), hash, "Admin", null, List.of("USER", "ADMIN"), "ACTIVE", clock.instant());
        if (!users.addIfEmailFree(admin)) {
            User existing = users.byEmail(properties.email()).orElseThrow();
            List<String> roles = new ArrayList<>(existing.roles());
            if (!roles.contains("ADMIN")) {
                roles.add("ADMIN");
            }
            if (!passwords.matches(password, existing.passwordHash()) || !existing.roles().contains("ADMIN")) {
                users.grantAndSetPassword(existing.userId(), roles, hash);
            }
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
