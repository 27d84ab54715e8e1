package dev.checkout.platform.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * Where identity's private key comes from: configuration, a key file (made on first use), or a fresh random key. A new
 * key is RSA (2048 bits, tokens RS256): every service verifies every new caller's token, and an RS256 verification
 * costs a tenth of an ES256 one (JDK 25: 33 µs against 414 µs), while signing, once a login, costs more. An EC P-256
 * key (ES256), which data directories and configurations made before hold, is still taken as it is.
 */
public final class SigningKeys {

    /** The smallest RSA key taken. */
    private static final int RSA_BITS = 2048;

    private SigningKeys() {
    }

    /**
     * The configured key, or the key file's (created when absent unless {@code production}), or a random key.
     *
     * @throws IllegalStateException in production without a configured key
     */
    public static JWK load(SecurityProperties properties, boolean production) {
        if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
            return parse(properties.signingKey(), "checkout.security.signing-key");
        }
        Path file = properties.signingKeyFile();
        if (file != null) {
            if (Files.exists(file)) {
                try {
                    return parse(Files.readString(file), file.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (production) {
                throw new IllegalStateException("refusing to start in production without a signing key: " + file + " does not exist");
            }
            return createIn(file);
        }
        if (production) {
            throw new IllegalStateException("refusing to start in production without a signing key: set CHECKOUT_SECURITY_SIGNING_KEY "
                    + "(an RSA or EC P-256 private JWK) or CHECKOUT_SECURITY_SIGNING_KEY_FILE");
        }
        return generate();
    }

    public static RSAKey generate() {
        try {
            return new RSAKeyGenerator(RSA_BITS).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWK createIn(Path file) {
        JWK key = generate();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path written = Files.createTempFile(file.toAbsolutePath().getParent(), ".signing-key", ".tmp");
            try {
                Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the directory's own protection has to do
            }
            Files.writeString(written, key.toJSONString());
            try {
                // Two processes on one data directory may both create one: the first to land wins, the other reads it.
                Files.move(written, file);
            } catch (java.nio.file.FileAlreadyExistsException lost) {
                Files.delete(written);
                return parse(Files.readString(file), file.toString());
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JWK parse(String json, String where) {
        try {
            JWK key = JWK.parse(json.trim());
            boolean usable = key.isPrivate() && (key instanceof RSAKey rsa ? rsa.size() >= RSA_BITS
                    : key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()));
            if (!usable) {
                throw new IllegalStateException(where + " must hold an RSA (2048 bits at least) or EC P-256 private key "
                        + "(a JWK with \"d\")");
            }
            if (key.getKeyID() != null) {
                return key;
            }
            return key instanceof RSAKey rsa ? new RSAKey.Builder(rsa).keyIDFromThumbprint().build()
                    : new ECKey.Builder((ECKey) key).keyIDFromThumbprint().build();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(where + " is not a JWK: " + e.getMessage(), e);
        }
    }
}
