package dev.checkout.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;

import dev.checkout.platform.web.AccountStatuses;
import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.SecurityProperties;
import dev.checkout.platform.web.SigningKeys;
import dev.checkout.platform.web.TokenIssuer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Identity is the only holder of the signing key: it signs user tokens at login and SERVICE tokens for the services,
 * publishes the public key at {@code /.well-known/jwks.json} for everyone to check tokens with, and answers whether
 * an account is still active.
 */
@Configuration(proxyBeanMethods = false)
class IdentityTokens {

    @Bean
    TokenIssuer tokenIssuer(SecurityProperties properties, Environment environment, Clock clock) {
        return new TokenIssuer(SigningKeys.load(properties, environment.acceptsProfiles(Profiles.of("prod"))), properties, clock);
    }

    @Bean
    AccountStatuses accountStatuses(Users users) {
        return userId -> users.byId(userId).map(User::isActive).orElse(false);
    }

    @RestController
    static class KeysController {

        private final TokenIssuer tokens;
        private final SecurityProperties properties;
        private final Accounts accounts;

        KeysController(TokenIssuer tokens, SecurityProperties properties, Accounts accounts) {
            this.tokens = tokens;
            this.properties = properties;
            this.accounts = accounts;
        }

        /** The public keys tokens are checked with (RFC 7517); the private half never leaves identity. */
        @GetMapping(value = "/.well-known/jwks.json", produces = "application/jwk-set+json")
        Map<String, Object> keys() {
            return tokens.publicKeys().toJSONObject(true);
        }

        /** A SERVICE token for a service in another process, against the service credential. */
        @PostMapping("/api/v1/internal/service-tokens")
        Map<String, Object> serviceToken(@Valid @RequestBody ServiceTokenRequest request) {
            String expected = properties.serviceCredential();
            if (expected == null || expected.isBlank() || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    request.credential().getBytes(StandardCharsets.UTF_8))) {
                throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "The service credential is wrong");
            }
            TokenIssuer.IssuedToken token = tokens.serviceToken(request.service());
            return Map.of("access_token", token.value(), "token_type", "Bearer", "expires_in", token.expiresInSeconds());
        }

        /** Whether an account may act, for the other services' token checks, and its e-mail address, for notifications (SERVICE only). */
        @GetMapping(AccountStatuses.PATH)
        AccountStatuses.Answer status(@PathVariable String userId) {
            User user = accounts.account(userId);
            return new AccountStatuses.Answer(user.userId(), user.status(), user.email());
        }

        record ServiceTokenRequest(@NotBlank @Size(max = 100) String service, @NotBlank @Size(max = 200) String credential) {
        }
    }
}
