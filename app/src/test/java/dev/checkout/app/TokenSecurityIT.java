package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import dev.checkout.platform.web.SigningKeys;
import dev.checkout.platform.web.TokenIssuer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Only identity's key makes a token; service tokens reach internal APIs only; a suspension takes effect at once. */
class TokenSecurityIT extends EndToEndTest {

    @Autowired
    TokenIssuer identity;

    @Test
    void theJwksPublishesIdentitysPublicKeyAndNeverItsPrivateHalf() {
        ApiResponse keys = api.get("/.well-known/jwks.json");

        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.json().path("keys")).hasSize(1);
        assertThat(keys.json().path("keys").get(0).path("kty").asString()).isEqualTo("RSA");
        assertThat(keys.json().path("keys").get(0).has("d")).isFalse();
    }

    @Test
    void aTokenSignedWithAnyOtherKeyIsUnauthorizedWhateverItClaims() throws Exception {
        String kid = api.get("/.well-known/jwks.json").json().path("keys").get(0).path("kid").asString();
        JWTClaimsSet admin = new JWTClaimsSet.Builder().issuer("https://checkout.local/identity").subject("user_forged")
                .expirationTime(java.util.Date.from(Instant.now().plusSeconds(600))).issueTime(new java.util.Date())
                .claim("roles", List.of("USER", "ADMIN")).claim("token_use", "user").build();

        SignedJWT otherRsa = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), admin);
        otherRsa.sign(new RSASSASigner(SigningKeys.generate()));
        SignedJWT otherEc = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(), admin);
        otherEc.sign(new ECDSASigner(new ECKeyGenerator(Curve.P_256).keyID(kid).generate()));
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), admin);
        hmac.sign(new MACSigner("development-only-secret-change-me-in-production-0000".getBytes(StandardCharsets.UTF_8)));
        String unsigned = base64("{\"alg\":\"none\"}") + "." + base64(admin.toString()) + ".";

        for (String forged : List.of(otherRsa.serialize(), otherEc.serialize(), hmac.serialize(), unsigned)) {
            ApiResponse answer = api.withToken(forged).get("/api/v1/admin/dead-letters");
            assertThat(answer.status()).as(forged).isEqualTo(401);
            assertThat(answer.code()).isEqualTo("unauthorized");
        }
    }

    @Test
    void aServiceTokenReachesInternalApisOnlyAndEveryUserOrAdminEndpointRefusesIt() {
        ApiClient service = api.withToken(identity.serviceToken("test").value());

        assertThat(service.get("/api/v1/internal/stock/prod_unknown").status()).isIn(200, 404);
        assertThat(service.get("/api/v1/orders").status()).isEqualTo(403);
        assertThat(service.get("/api/v1/users/me").status()).isEqualTo(403);
        assertThat(service.get("/api/v1/admin/dead-letters").status()).isEqualTo(403);
        assertThat(service.post("/api/v1/carts", null).status()).isEqualTo(403);
        assertThat(fixtures.newCustomer().get("/api/v1/internal/stock/prod_unknown").status()).isEqualTo(403);
    }

    @Test
    void aSuspendedUsersTokenStopsWorkingWithinTheCheckIntervalAndTheyCannotLogIn() {
        ApiClient customer = fixtures.newCustomer();
        String userId = customer.get("/api/v1/users/me").text("/user_id");
        assertThat(customer.get("/api/v1/orders").status()).isEqualTo(200);

        assertThat(fixtures.admin().post("/api/v1/admin/users/" + userId + "/suspend", null).status()).isEqualTo(200);

        Awaitility.await("the suspension takes effect").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> customer.get("/api/v1/orders").status() == 401);
        assertThat(fixtures.admin().post("/api/v1/admin/users/" + userId + "/reactivate", null).status()).isEqualTo(200);
        Awaitility.await("the reactivation takes effect").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> customer.get("/api/v1/orders").status() == 200);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
