package dev.checkout.platform.web;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tokens are signed, checked and how long they live ({@code checkout.security.*}). Identity signs with a private
 * key (RSA, RS256; an EC P-256 key made before, ES256) that no other service holds; every service checks tokens with
 * its public key, published at {@code /.well-known/jwks.json}. No key is written in any source file.
 *
 * @param signingKey        identity's private key as a JWK (JSON); production sets this or {@code signingKeyFile}
 * @param signingKeyFile    a file holding that JWK; created with a new random key when absent (outside production).
 *                          {@code ./checkout run} points it into the data directory, so each data directory has its own
 *                          key and tokens survive a restart. Neither set: a random key for this process's life.
 * @param serviceCredential what a service in another process than identity shows identity to get its SERVICE tokens
 * @param tokenTtl          how long an access token is valid
 * @param accountCheck      how long a user's account status is trusted before it is asked again: a suspension takes
 *                          effect within this time on every service
 * @param issuer            the {@code iss} claim tokens carry and must carry; a URL, as RFC 7519 suggests
 */
@ConfigurationProperties("checkout.security")
public record SecurityProperties(
        String signingKey,
        Path signingKeyFile,
        String serviceCredential,
        @DefaultValue("PT1H") Duration tokenTtl,
        @DefaultValue("PT30S") Duration accountCheck,
        @DefaultValue("https://checkout.local/identity") String issuer) {

    public boolean hasConfiguredKey() {
        return signingKey != null && !signingKey.isBlank() || signingKeyFile != null;
    }
}
