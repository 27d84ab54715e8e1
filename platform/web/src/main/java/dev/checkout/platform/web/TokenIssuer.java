package dev.checkout.platform.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs access tokens with the identity service's private key: user tokens (subject = user id, {@code roles}) and the
 * SERVICE tokens one service shows another's internal API. Only a process running identity has one (tests of a single
 * service make their own, see the test support), and only it publishes the public half.
 */
public class TokenIssuer {

    /** The claim that tells a service token from a user token: user endpoints refuse service tokens. */
    public static final String TOKEN_USE = "token_use";

    private final JWK key;
    private final SignatureAlgorithm algorithm;
    private final JwtEncoder encoder;
    private final SecurityProperties properties;
    private final Clock clock;

    public TokenIssuer(JWK key, SecurityProperties properties, Clock clock) {
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("signing needs the private key");
        }
        this.key = key;
        this.algorithm = algorithmFor(key);
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(key)));
        this.properties = properties;
        this.clock = clock;
    }

    public IssuedToken issue(String userId, String email, List<String> roles) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(userId)
                .issuedAt(now)
                .expiresAt(now.plus(properties.tokenTtl()))
                .claim("email", email)
                .claim("roles", roles)
                .claim(TOKEN_USE, "user")
                .build();
        return new IssuedToken(sign(claims), properties.tokenTtl().toSeconds());
    }

    /** A short-lived token with only the SERVICE role, for {@code /api/v1/internal/**}; every other endpoint refuses it. */
    public IssuedToken serviceToken(String serviceName) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject("service:" + serviceName)
                .issuedAt(now)
                .expiresAt(now.plusSeconds(300))
                .claim("roles", List.of("SERVICE"))
                .claim(TOKEN_USE, "service")
                .build();
        return new IssuedToken(sign(claims), 300);
    }

    /** The public half, as {@code /.well-known/jwks.json} shows it. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    /** RS256 for an RSA key, ES256 for an EC P-256 one ({@link SigningKeys}); the only algorithms any service accepts. */
    static SignatureAlgorithm algorithmFor(JWK key) {
        if (key instanceof RSAKey) {
            return SignatureAlgorithm.RS256;
        }
        if (key instanceof ECKey) {
            return SignatureAlgorithm.ES256;
        }
        throw new IllegalArgumentException("identity signs with an RSA or EC key, not " + key.getKeyType());
    }

    private String sign(JwtClaimsSet claims) {
        JwsHeader header = JwsHeader.with(algorithm).keyId(key.getKeyID()).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    public record IssuedToken(String value, long expiresInSeconds) {
    }
}
