package dev.checkout.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customers for a load test, made the development-only way: 50,000 registrations would be 50,000 bcrypt hashes
 * (minutes of both cores) before the first measured request. Instead the bench, which started the platform on a fresh
 * data directory of its own, writes the accounts straight into identity's {@code identity.users} table (one batch,
 * ACTIVE, role USER, a password hash no password matches, so nobody can log in as them) and signs each one's access
 * token with that data directory's identity key ({@code secrets/identity-signing-key.json}, which
 * {@code ./checkout run} creates on first start) exactly as identity does at login: RS256 (ES256 for an EC key),
 * {@code iss}, {@code sub}, {@code email}, {@code roles}, {@code token_use=user}. Every service then sees an ordinary logged-in customer whose
 * account exists and is active. Never point this at a data directory that holds real accounts.
 */
final class BenchCustomers {

    /** Identity's default issuer ({@code checkout.security.issuer}). */
    private static final String ISSUER = "https://checkout.local/identity";
    private static final String NO_PASSWORD = "!bench-account: no password logs in";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    /** A customer: its user id and a signed access token. */
    record Customer(String userId, String token) {
    }

    private BenchCustomers() {
    }

    /** Adds {@code count} accounts to identity's table and mints a token (valid {@code tokenLife}) for each. */
    static List<Customer> create(String jdbcUrl, Path dataDirectory, int count, Duration tokenLife) throws Exception {
        SecureRandom random = new SecureRandom();
        List<String> userIds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            userIds.add("user_" + HexFormat.of().formatHex(bytes));
        }
        insert(jdbcUrl, userIds);
        Signer signer = new Signer(dataDirectory.resolve("secrets").resolve("identity-signing-key.json"));
        Instant now = Instant.now();
        List<Customer> customers = new ArrayList<>(count);
        for (String userId : userIds) {
            customers.add(new Customer(userId, signer.sign(Map.of("iss", ISSUER, "sub", userId, "iat", now.getEpochSecond(),
                    "exp", now.plus(tokenLife).getEpochSecond(), "email", email(userId), "roles", List.of("USER"), "token_use", "user"))));
        }
        return customers;
    }

    private static String email(String userId) {
        return "bench-" + userId.substring(5) + "@example.com";
    }

    private static void insert(String jdbcUrl, List<String> userIds) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into identity.users (user_id, email, email_normalized, password_hash) values (?, ?, ?, ?)")) {
                int batched = 0;
                for (String userId : userIds) {
                    insert.setString(1, userId);
                    insert.setString(2, email(userId));
                    insert.setString(3, email(userId));
                    insert.setString(4, NO_PASSWORD);
                    insert.addBatch();
                    if (++batched % 5_000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    /**
     * RS256 (RSASSA-PKCS1-v1_5, SHA-256) with the private JWK identity signs with, or ES256 (ECDSA P-256, the signature
     * as r‖s) for an EC key, as {@code TokenIssuer} does.
     */
    private static final class Signer {
        private final String header;
        private final PrivateKey key;
        private final String algorithm;

        Signer(Path keyFile) throws IOException, GeneralSecurityException {
            JsonNode jwk = JSON.readTree(Files.readString(keyFile));
            boolean rsa = "RSA".equals(jwk.path("kty").asString());
            if (rsa) {
                this.key = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(number(jwk, "n"), number(jwk, "e"),
                        number(jwk, "d"), number(jwk, "p"), number(jwk, "q"), number(jwk, "dp"), number(jwk, "dq"), number(jwk, "qi")));
                this.algorithm = "SHA256withRSA";
            } else {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec("secp256r1"));
                this.key = KeyFactory.getInstance("EC")
                        .generatePrivate(new ECPrivateKeySpec(number(jwk, "d"), parameters.getParameterSpec(ECParameterSpec.class)));
                this.algorithm = "SHA256withECDSAinP1363Format";
            }
            this.header = URL.encodeToString(JSON.writeValueAsBytes(Map.of("alg", rsa ? "RS256" : "ES256", "kid", jwk.path("kid").asString())));
        }

        private static BigInteger number(JsonNode jwk, String member) {
            return new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path(member).asString()));
        }

        String sign(Map<String, Object> claims) throws GeneralSecurityException {
            String signingInput = header + "." + URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signature.sign());
        }
    }
}
