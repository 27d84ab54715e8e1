package dev.checkout.platform.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tokens are signed and how long they live ({@code checkout.security.*}). Every service verifies tokens with the
 * same secret; only identity issues them.
 *
 * @param jwtSecret HMAC-SHA256 key, at least 32 bytes; the default is for development only and production refuses it
 * @param tokenTtl  how long an access token is valid
 * @param issuer    the {@code iss} claim tokens carry and must carry; a URL, as RFC 7519 suggests and as Spring Security
 *                  reads it (anything else it first tries, and fails, to read as a URL on every request)
 */
@ConfigurationProperties("checkout.security")
public record SecurityProperties(
        @DefaultValue(DEVELOPMENT_SECRET) String jwtSecret,
        @DefaultValue("PT1H") Duration tokenTtl,
        @DefaultValue("https://checkout.local/identity") String issuer) {

    public static final String DEVELOPMENT_SECRET = "development-only-secret-change-me-in-production-0000";

    public SecurityProperties {
        if (jwtSecret == null || jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("checkout.security.jwt-secret must be at least 32 bytes long");
        }
    }

    public boolean usesDevelopmentSecret() {
        return DEVELOPMENT_SECRET.equals(jwtSecret);
    }
}
