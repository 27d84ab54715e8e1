package dev.checkout.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

class IdentityKeysDecoderTest {

    private final SecurityProperties properties = new SecurityProperties(null, null, null, Duration.ofHours(1), Duration.ofSeconds(30),
            "https://checkout.local/identity");
    private final TokenIssuer issuer = new TokenIssuer(SigningKeys.generate(), properties, Clock.systemUTC());
    private final IdentityKeysDecoder decoder = decoderTrusting(issuer);

    @Test
    void aTokenReadAgainOnceItsSignatureWasVerifiedIsTheSameTokenTheVerifierMade() {
        String token = issuer.issue("usr_1", "ada@example.com", List.of("USER")).value();
        Jwt verified = decoder.decode(token);
        decoder.forgetDecoded();

        Jwt readAgain = decoder.decode(token);

        assertThat(readAgain).isNotSameAs(verified);
        assertThat(readAgain.getTokenValue()).isEqualTo(verified.getTokenValue());
        assertThat(readAgain.getHeaders()).isEqualTo(verified.getHeaders());
        assertThat(readAgain.getClaims()).isEqualTo(verified.getClaims());
        assertThat(readAgain.getExpiresAt()).isEqualTo(verified.getExpiresAt());
        assertThat(readAgain.getClaimAsStringList("roles")).containsExactly("USER");
    }

    @Test
    void aVerifiedTokensSignatureOnAnotherPayloadIsRefused() {
        String token = issuer.issue("usr_1", "ada@example.com", List.of("USER")).value();
        decoder.decode(token);
        decoder.forgetDecoded();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("usr_1", "usr_2");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefusedEveryTime() {
        TokenIssuer stranger = new TokenIssuer(SigningKeys.generate(), properties, Clock.systemUTC());
        String token = stranger.issue("usr_1", "ada@example.com", List.of("ADMIN")).value();

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
        decoder.forgetDecoded();
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
    }

    @Test
    void aNewKeySignsRs256() {
        String token = issuer.issue("usr_1", "ada@example.com", List.of("USER")).value();

        assertThat(decoder.decode(token).getHeaders()).containsEntry("alg", "RS256");
    }

    @Test
    void anEcKeyMadeBeforeStillSignsTokensEveryServiceTakes() throws Exception {
        ECKey madeBefore = new ECKeyGenerator(Curve.P_256).keyID("kid-before").generate();
        TokenIssuer before = new TokenIssuer(madeBefore, properties, Clock.systemUTC());
        String token = before.issue("usr_1", "ada@example.com", List.of("USER")).value();

        Jwt decoded = decoderTrusting(before).decode(token);

        assertThat(decoded.getHeaders()).containsEntry("alg", "ES256");
        assertThat(decoded.getSubject()).isEqualTo("usr_1");
    }

    @Test
    void aTokenClaimingTheOtherAlgorithmThanItsKeysIsRefused() throws Exception {
        String kid = issuer.publicKeys().getKeys().get(0).getKeyID();
        SignedJWT asEc = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(),
                new JWTClaimsSet.Builder().subject("usr_1").issuer("https://checkout.local/identity").build());
        asEc.sign(new ECDSASigner(new ECKeyGenerator(Curve.P_256).keyID(kid).generate()));

        assertThatThrownBy(() -> decoder.decode(asEc.serialize())).isInstanceOf(JwtException.class);
    }

    private static IdentityKeysDecoder decoderTrusting(TokenIssuer issuer) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("issuer", issuer);
        return new IdentityKeysDecoder(beans.getBeanProvider(TokenIssuer.class), null, jwt -> OAuth2TokenValidatorResult.success());
    }
}
