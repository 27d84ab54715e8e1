package dev.checkout.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.checkout.platform.core.Ids;
import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import dev.checkout.platform.testing.CheckoutIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@CheckoutIntegrationTest(classes = IdentityTestApplication.class, properties = {
        "checkout.admin.email=admin-identity-it@localhost", "checkout.admin.password=identity-it-admin-password"})
class IdentityApiIT {

    @LocalServerPort
    int port;

    ApiClient api() {
        return ApiClient.atPort(port);
    }

    static String newEmail() {
        return Ids.newId("u").substring(0, 20) + "@example.com";
    }

    @Test
    void aRegisteredUserCanLogInAndSeeThemselves() {
        String email = newEmail();
        ApiResponse registered = api().post("/api/v1/auth/register", Map.of("email", email, "password", "correct horse", "first_name", "Ada"));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.text("/user_id")).startsWith("user_");
        assertThat(registered.text("/email")).isEqualTo(email);

        ApiResponse login = api().post("/api/v1/auth/login", Map.of("email", email.toUpperCase(), "password", "correct horse"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text("/token_type")).isEqualTo("Bearer");
        assertThat(login.json().path("expires_in").asLong()).isPositive();
        assertThat(login.json().path("roles").toString()).contains("USER");

        ApiResponse me = api().withToken(login.text("/access_token")).get("/api/v1/users/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("/user_id")).isEqualTo(registered.text("/user_id"));
        assertThat(me.text("/first_name")).isEqualTo("Ada");
    }

    @Test
    void registeringAnEmailTwiceIsAConflictWhateverItsCase() {
        String email = newEmail();
        assertThat(api().post("/api/v1/auth/register", Map.of("email", email, "password", "long enough")).status()).isEqualTo(201);
        ApiResponse again = api().post("/api/v1/auth/register", Map.of("email", email.toUpperCase(), "password", "long enough"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("email_taken");
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void weakPasswordsAndBadEmailsAreRefusedWithTheFieldNamed() {
        ApiResponse weak = api().post("/api/v1/auth/register", Map.of("email", newEmail(), "password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.code()).isEqualTo("validation_failed");
        assertThat(weak.text("/errors/0/field")).isEqualTo("password");

        ApiResponse badEmail = api().post("/api/v1/auth/register", Map.of("email", "not-an-email", "password", "long enough"));
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.text("/errors/0/field")).isEqualTo("email");
    }

    @Test
    void malformedJsonAndWrongTypesAreBadRequestsNotServerErrors() {
        ApiResponse malformed = api().send("POST", "/api/v1/auth/register", "{\"email\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("validation_failed");

        ApiResponse wrongType = api().send("POST", "/api/v1/auth/register", "{\"email\": 42, \"password\": \"long enough\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.text("/errors/0/field")).isEqualTo("email");

        ApiResponse missing = api().send("POST", "/api/v1/auth/register", "");
        assertThat(missing.status()).isEqualTo(400);
    }

    @Test
    void aPasswordOverBcryptsSeventyTwoBytesIsRefusedNotTruncatedAndNeverAServerError() {
        String email = newEmail();
        String seventyTwoCharactersOfOneHundredFortyFourBytes = "é".repeat(72);
        ApiResponse registered = api().post("/api/v1/auth/register", Map.of("email", email, "password", seventyTwoCharactersOfOneHundredFortyFourBytes));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(400);
        assertThat(registered.body()).contains("\"field\":\"password\"");

        ApiResponse login = api().post("/api/v1/auth/login", Map.of("email", email, "password", "x".repeat(10_000)));
        assertThat(login.status()).as(login.toString()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordOrUnknownEmailIsUnauthorized() {
        String email = newEmail();
        api().post("/api/v1/auth/register", Map.of("email", email, "password", "long enough"));
        assertThat(api().post("/api/v1/auth/login", Map.of("email", email, "password", "wrong password")).status()).isEqualTo(401);
        ApiResponse unknown = api().post("/api/v1/auth/login", Map.of("email", newEmail(), "password", "long enough"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.code()).isEqualTo("invalid_credentials");
    }

    @Test
    void withoutAValidTokenMeIsUnauthorized() {
        assertThat(api().get("/api/v1/users/me").status()).isEqualTo(401);
        ApiResponse forged = api().withToken("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl").get("/api/v1/users/me");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.code()).isEqualTo("unauthorized");
    }

    @Test
    void addressesBelongToTheirUserAndTheFirstOneIsTheDefault() {
        String token = registerAndLogIn();
        ApiResponse added = api().withToken(token).post("/api/v1/users/me/addresses",
                Map.of("street", "1 Main St", "city", "Springfield", "state", "IL", "zip", "62701", "country", "US"));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.text("/address_id")).startsWith("addr_");
        assertThat(added.json().path("is_default").asBoolean()).isTrue();
        assertThat(added.text("/type")).isEqualTo("SHIPPING");

        ApiResponse list = api().withToken(token).get("/api/v1/users/me/addresses");
        assertThat(list.json().path("addresses")).hasSize(1);

        String someoneElse = registerAndLogIn();
        assertThat(api().withToken(someoneElse).get("/api/v1/users/me/addresses").json().path("addresses")).isEmpty();
        assertThat(api().withToken(someoneElse).get("/api/v1/users/me/addresses/" + added.text("/address_id")).status()).isEqualTo(404);
    }

    @Test
    void anIncompleteAddressIsRefusedAndNothingIsStored() {
        String token = registerAndLogIn();
        ApiResponse refused = api().withToken(token).post("/api/v1/users/me/addresses", Map.of("street", "1 Main St"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors")).isNotEmpty();
        assertThat(api().withToken(token).get("/api/v1/users/me/addresses").json().path("addresses")).isEmpty();
    }

    @Test
    void theConfiguredAdminCanLogInWithTheAdminRole() {
        ApiResponse login = api().post("/api/v1/auth/login",
                Map.of("email", "admin-identity-it@localhost", "password", "identity-it-admin-password"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("roles").toString()).contains("ADMIN");
    }

    @Test
    void everyResponseCarriesACorrelationIdAndEchoesTheClientsOwn() {
        assertThat(api().get("/api/v1/users/me").header("X-Correlation-Id")).isNotBlank();
        ApiResponse echoed = api().withHeader("X-Correlation-Id", "client-chosen-id-42").get("/health");
        assertThat(echoed.header("X-Correlation-Id")).isEqualTo("client-chosen-id-42");
    }

    @Test
    void unknownPathsAreProblemsToo() {
        ApiResponse missing = api().get("/no/such/path");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("not_found");
    }

    private String registerAndLogIn() {
        String email = newEmail();
        api().post("/api/v1/auth/register", Map.of("email", email, "password", "long enough"));
        return api().post("/api/v1/auth/login", Map.of("email", email, "password", "long enough")).text("/access_token");
    }
}
