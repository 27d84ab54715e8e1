package dev.checkout.platform.web;

import java.time.Duration;
import java.util.function.Supplier;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * Checks tokens against identity's public key only: taken from the identity service of this process when it runs
 * here, otherwise read from identity's {@code /.well-known/jwks.json} (cached; read again when a token names a key it
 * has not seen, as after a key change). Only ES256 is accepted, so neither an HMAC token (whatever its secret) nor
 * {@code alg: none} gets through. Built on first use: identity's address is known only once the servers run.
 */
class IdentityKeysDecoder implements JwtDecoder {

    private final Supplier<JwtDecoder> decoder;

    IdentityKeysDecoder(ObjectProvider<TokenIssuer> localIssuer, ServiceUrls urls, OAuth2TokenValidator<Jwt> validator) {
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
            built.setJwtValidator(validator);
            return built;
        });
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        return decoder.get().decode(token);
    }
}
