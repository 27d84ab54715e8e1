package dev.checkout.identity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.core.Ids;
import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.TokenIssuer;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Registering, logging in and looking up one's own account. */
@Service
class Accounts {

    static final int BCRYPT_MAX_BYTES = 72;

    private final Users users;
    private final PasswordEncoder passwords;
    private final TokenIssuer tokens;
    private final Clock clock;
    // Spend the same hashing work for an unknown e-mail as for a wrong password, so timing does not reveal accounts.
    private final String nobodyHash;

    Accounts(Users users, PasswordEncoder passwords, TokenIssuer tokens, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.clock = clock;
        this.nobodyHash = passwords.encode(Ids.newId("nobody"));
    }

    User register(String email, String password, String firstName, String lastName) {
        if (!fitsBcrypt(password)) {
            throw ApiException.badRequest("validation_failed", "The password is longer than 72 bytes")
                    .with("errors", List.of(Map.of("field", "password", "message", "must be at most " + BCRYPT_MAX_BYTES
                            + " bytes long in UTF-8 (fewer characters when they are not plain ASCII)")));
        }
        User user = new User(Ids.newId("user"), email, passwords.encode(password), firstName, lastName, List.of("USER"),
                "ACTIVE", clock.instant());
        if (!users.addIfEmailFree(user)) {
            throw ApiException.conflict("email_taken", "An account with this e-mail already exists");
        }
        return user;
    }

    LoggedIn login(String email, String password) {
        var user = users.byEmail(email);
        // No stored password is longer than bcrypt reads (registration refuses them), so a longer one cannot match; it is
        // checked against nothing, at the same cost, so the answer's timing does not differ.
        boolean matches;
        if (fitsBcrypt(password)) {
            matches = passwords.matches(password, user.map(User::passwordHash).orElse(nobodyHash));
        } else {
            passwords.matches("", nobodyHash);
            matches = false;
        }
        if (user.isEmpty() || !matches || !user.get().isActive()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "The e-mail or password is wrong");
        }
        var token = tokens.issue(user.get().userId(), user.get().email(), user.get().roles());
        return new LoggedIn(user.get(), token);
    }

    /** An admin suspends or reactivates an account; 404 for an unknown user. */
    void setStatus(String userId, String status) {
        if (!users.setStatus(userId, status)) {
            throw ApiException.notFound("User", userId);
        }
    }

    /** The account as stored, whatever its status; 404 for an unknown user. */
    User account(String userId) {
        return users.byId(userId).orElseThrow(() -> ApiException.notFound("User", userId));
    }

    User me(String userId) {
        return users.byId(userId).orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized",
                "The account of this token no longer exists"));
    }

    /** bcrypt reads at most 72 bytes; a longer password would be truncated (or, in Spring Security 7, refused). */
    static boolean fitsBcrypt(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= BCRYPT_MAX_BYTES;
    }

    record LoggedIn(User user, TokenIssuer.IssuedToken token) {
    }
}
