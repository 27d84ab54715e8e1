package dev.checkout.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identity's key: a new one is RSA; an EC P-256 key made before is taken as it is; anything weaker is refused. */
class SigningKeysTest {

    @TempDir
    Path directory;

    private static SecurityProperties withKeyFile(Path file) {
        return new SecurityProperties(null, file, null, Duration.ofHours(1), Duration.ofSeconds(30), "https://checkout.local/identity");
    }

    private static SecurityProperties withKey(String jwk) {
        return new SecurityProperties(jwk, null, null, Duration.ofHours(1), Duration.ofSeconds(30), "https://checkout.local/identity");
    }

    @Test
    void aDataDirectoryWithoutAKeyGetsAnRsaKeyThatTheNextStartReadsBack() {
        Path file = directory.resolve("secrets").resolve("identity-signing-key.json");

        JWK made = SigningKeys.load(withKeyFile(file), false);

        assertThat(made).isInstanceOf(RSAKey.class);
        assertThat(((RSAKey) made).size()).isGreaterThanOrEqualTo(2048);
        assertThat(SigningKeys.load(withKeyFile(file), false)).isEqualTo(made);
    }

    @Test
    void anEcKeyFileMadeBeforeIsTakenAsItIs() throws Exception {
        ECKey before = new ECKeyGenerator(Curve.P_256).keyID("kid-before").generate();
        Path file = directory.resolve("identity-signing-key.json");
        Files.writeString(file, before.toJSONString());

        assertThat(SigningKeys.load(withKeyFile(file), false)).isEqualTo(before);
    }

    @Test
    void aWeakOrPublicKeyIsRefused() throws Exception {
        RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").generate();
        RSAKey publicOnly = SigningKeys.generate().toPublicJWK();

        assertThatThrownBy(() -> SigningKeys.load(withKey(weak.toJSONString()), true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SigningKeys.load(withKey(publicOnly.toJSONString()), true)).isInstanceOf(IllegalStateException.class);
    }
}
