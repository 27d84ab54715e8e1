package dev.checkout.platform.web;

import java.time.Duration;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * Checks tokens against identity's public key only: taken from the identity service of this process when it runs
 * here, otherwise read from identity's {@code /.well-known/jwks.json} (cached; read again when a token names a key it
 * has not seen, as after a key change). Only ES256 is accepted, so neither an HMAC token (whatever its secret) nor
 * {@code alg: none} gets through. Built on first use: identity's address is known only once the servers run.
 * <p>
 * A client polling its order sends the same token many times a second: its signature is verified once and the
 * verified token kept for ten minutes (an ES256 verification is a few percent of a busy checkout's request threads),
 * while the validator (times, issuer, account status) still runs on every request, so an expired token or a disabled
 * account is refused as before.
 */
class IdentityKeysDecoder implements JwtDecoder {

    private final Supplier<JwtDecoder> decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)).build();

    IdentityKeysDecoder(ObjectProvider<TokenIssuer> localIssuer, ServiceUrls urls, OAuth2TokenValidator<Jwt> validator) {
        this.validator = validator;
        this.decoder = org.springframework.util.function.SingletonSupplier.of(() -> {
            TokenIssuer issuer = localIssuer.getIfAvailable();
            NimbusJwtDecoder built;
            if (issuer != null) {
                built = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<SecurityContext>(issuer.publicKeys()))
                        .jwsAlgorithm(SignatureAlgorithm.ES256).build();
            } else {
                var requests = ServiceHttp.requests(Duration.ofSeconds(2), Duration.ofSeconds(5));
                built = NimbusJwtDecoder.withJwkSetUri(urls.of("identity") + "/.well-known/jwks.json")
                        .jwsAlgorithm(SignatureAlgorithm.ES256).restOperations(new RestTemplate(requests)).build();
            }
            built.setJwtValidator(signatureOnly -> OAuth2TokenValidatorResult.success()); // validated on every use, below
            return built;
        });
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.get(token, signed -> decoder.get().decode(signed));
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("the token is not valid: " + result.getErrors().iterator().next().getDescription(),
                    result.getErrors());
        }
        return jwt;
    }
}
