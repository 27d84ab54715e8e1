package dev.checkout.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * Checks tokens against identity's public key only: taken from the identity service of this process when it runs
 * here, otherwise read from identity's {@code /.well-known/jwks.json} (cached; read again when a token names a key it
 * has not seen, as after a key change). Only RS256 and ES256 are accepted, each with a key of its own type, so neither
 * an HMAC token (whatever its secret) nor {@code alg: none} gets through. Built on first use: identity's address is
 * known only once the servers run.
 * <p>
 * A client polling its order sends the same token many times a second: its signature is verified once in ten minutes
 * (an ES256 verification was a few percent of a busy checkout's request threads), while the validator (times, issuer,
 * account status) still runs on every request, so an expired token or a disabled account is refused as before. The
 * decoded tokens of the 10,000 latest callers are kept; beyond them (a flash sale's crowd of 50,000 polling its
 * tickets), a token whose signature was verified is only parsed again, known by its SHA-256 digest (some 100 bytes a
 * token, where keeping it decoded takes kilobytes), instead of being verified again on every request.
 */
class IdentityKeysDecoder implements JwtDecoder {

    private static final Duration VERIFIED_FOR = Duration.ofMinutes(10);
    /** How NimbusJwtDecoder turns a token's claims into a {@link Jwt}'s (times as Instants, and so on). */
    private static final MappedJwtClaimSetConverter CLAIMS = MappedJwtClaimSetConverter.withDefaults(Map.of());

    private final Supplier<JwtDecoder> decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> decoded = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(VERIFIED_FOR).build();
    private final Cache<String, Boolean> verifiedDigests = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(VERIFIED_FOR).build();

    IdentityKeysDecoder(ObjectProvider<TokenIssuer> localIssuer, ServiceUrls urls, OAuth2TokenValidator<Jwt> validator) {
        this.validator = validator;
        this.decoder = org.springframework.util.function.SingletonSupplier.of(() -> {
            TokenIssuer issuer = localIssuer.getIfAvailable();
            NimbusJwtDecoder built;
            if (issuer != null) {
                built = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<SecurityContext>(issuer.publicKeys()))
                        .jwsAlgorithms(IdentityKeysDecoder::identitysAlgorithms).build();
            } else {
                var requests = ServiceHttp.requests(Duration.ofSeconds(2), Duration.ofSeconds(5));
                built = NimbusJwtDecoder.withJwkSetUri(urls.of("identity") + "/.well-known/jwks.json")
                        .jwsAlgorithms(IdentityKeysDecoder::identitysAlgorithms).restOperations(new RestTemplate(requests)).build();
            }
            built.setJwtValidator(signatureOnly -> OAuth2TokenValidatorResult.success()); // validated on every use, below
            return built;
        });
    }

    /** What identity signs with ({@link TokenIssuer#algorithmFor}): each verified only with a key of its own type. */
    private static void identitysAlgorithms(Set<SignatureAlgorithm> algorithms) {
        algorithms.add(SignatureAlgorithm.RS256);
        algorithms.add(SignatureAlgorithm.ES256);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = decoded.get(token, this::decodeVerifyingOnce);
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("the token is not valid: " + result.getErrors().iterator().next().getDescription(),
                    result.getErrors());
        }
        return jwt;
    }

    /** Forgets the decoded tokens (not which were verified), as if 10,000 other callers had come since. */
    void forgetDecoded() {
        decoded.invalidateAll();
    }

    private Jwt decodeVerifyingOnce(String token) {
        String digest = digestOf(token);
        if (verifiedDigests.getIfPresent(digest) != null) {
            return parseVerified(token);
        }
        Jwt jwt = decoder.get().decode(token);
        verifiedDigests.put(digest, Boolean.TRUE);
        return jwt;
    }

    /** The token NimbusJwtDecoder would make of it, without checking the signature again: it was, and the digest matches. */
    static Jwt parseVerified(String token) {
        try {
            SignedJWT parsed = SignedJWT.parse(token);
            Map<String, Object> claims = CLAIMS.convert(parsed.getJWTClaimsSet().getClaims());
            return Jwt.withTokenValue(token).headers(headers -> headers.putAll(parsed.getHeader().toJSONObject()))
                    .claims(all -> all.putAll(claims)).build();
        } catch (ParseException e) {
            throw new BadJwtException("the token could not be read: " + e.getMessage(), e);
        }
    }

    static String digestOf(String token) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
