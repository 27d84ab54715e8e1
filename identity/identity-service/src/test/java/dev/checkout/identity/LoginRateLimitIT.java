package dev.checkout.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import dev.checkout.platform.testing.CheckoutIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Login guessing is limited per e-mail address in Redis: after the limit every attempt waits, the right one too. */
@CheckoutIntegrationTest(classes = IdentityTestApplication.class, properties = {
        "checkout.rate-limits.login-email=5/1m", "checkout.admin.email=admin-ratelimit-it@localhost",
        "checkout.admin.password=ratelimit-it-admin-password"})
class LoginRateLimitIT {

    @LocalServerPort
    int port;

    @Test
    void wrongPasswordsForOneEmailAreLimitedAndThenTheRightPasswordWaitsToo() {
        ApiClient api = ApiClient.atPort(port);
        String email = IdentityApiIT.newEmail();
        assertThat(api.post("/api/v1/auth/register", Map.of("email", email, "password", "the right password")).status()).isEqualTo(201);

        for (int attempt = 1; attempt <= 5; attempt++) {
            ApiResponse wrong = api.post("/api/v1/auth/login", Map.of("email", email, "password", "wrong password " + attempt));
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
            assertThat(wrong.header("RateLimit-Limit")).isEqualTo("5");
            assertThat(wrong.header("RateLimit-Remaining")).isEqualTo(Integer.toString(5 - attempt));
        }
        ApiResponse limited = api.post("/api/v1/auth/login", Map.of("email", email.toUpperCase(), "password", "wrong password 6"));
        assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");

        ApiResponse right = api.post("/api/v1/auth/login", Map.of("email", email, "password", "the right password"));
        assertThat(right.status()).as(right.toString()).isEqualTo(429);

        ApiResponse otherEmail = api.post("/api/v1/auth/login", Map.of("email", IdentityApiIT.newEmail(), "password", "whatever it is"));
        assertThat(otherEmail.status()).as("another e-mail has its own budget").isEqualTo(401);
    }
}
