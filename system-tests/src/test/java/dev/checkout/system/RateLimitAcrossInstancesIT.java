package dev.checkout.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.checkout.platform.testing.ApiResponse;
import dev.checkout.platform.testing.ServiceProcess;
import dev.checkout.platform.testing.SharedServers;
import org.junit.jupiter.api.Test;

/**
 * Two identity instances, each its own JVM, on one Redis: a client spreading its login guesses over both still gets
 * only the configured number, because both spend from the same bucket.
 */
class RateLimitAcrossInstancesIT {

    static final Map<String, String> ENVIRONMENT = Map.of(
            "CHECKOUT_ADMIN_EMAIL", "rate-limit-admin@localhost",
            "CHECKOUT_ADMIN_PASSWORD", "rate-limit-admin-password",
            "CHECKOUT_RATE_LIMITS_ENABLED", "true",
            "CHECKOUT_RATE_LIMITS_LOGIN_EMAIL", "6/1m");

    @Test
    void guessesSpreadOverTwoInstancesShareOneBudget() {
        // Identity takes no payments: a gateway URL keeps each process from starting a simulator of its own.
        List<String> arguments = List.of("--gateway-url", "http://127.0.0.1:9");
        try (ServiceProcess first = ServiceProcess.start("identity", SharedServers.addresses(), ENVIRONMENT, arguments);
             ServiceProcess second = ServiceProcess.start("identity", SharedServers.addresses(), ENVIRONMENT, arguments)) {
            String email = "spread-" + UUID.randomUUID() + "@example.com";
            assertThat(first.api().post("/api/v1/auth/register", Map.of("email", email, "password", "the right password")).status())
                    .isEqualTo(201);

            List<Integer> statuses = new ArrayList<>();
            for (int attempt = 1; attempt <= 10; attempt++) {
                ServiceProcess instance = attempt % 2 == 1 ? first : second;
                ApiResponse answer = instance.api().post("/api/v1/auth/login", Map.of("email", email, "password", "wrong " + attempt));
                statuses.add(answer.status());
            }

            assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 401, 429, 429, 429, 429);
            assertThat(second.api().post("/api/v1/auth/login", Map.of("email", email, "password", "the right password")).status())
                    .isEqualTo(429);
        }
    }
}
