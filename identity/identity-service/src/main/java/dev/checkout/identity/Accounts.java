package dev.checkout.identity;

import java.time.Clock;
import java.util.List;

import dev.checkout.platform.core.Ids;
import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.TokenIssuer;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Registering, logging in and looking up one's own account. */
@Service
class Accounts {

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
        User user = new User(Ids.newId("user"), email, passwords.encode(password), firstName, lastName, List.of("USER"),
                "ACTIVE", clock.instant());
        if (!users.addIfEmailFree(user)) {
            throw ApiException.conflict("email_taken", "An account with this e-mail already exists");
        }
        return user;
    }

    LoggedIn login(String email, String password) {
        var user = users.byEmail(email);
        boolean matches = passwords.matches(password, user.map(User::passwordHash).orElse(nobodyHash));
        if (user.isEmpty() || !matches || !user.get().isActive()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "The e-mail or password is wrong");
        }
        var token = tokens.issue(user.get().userId(), user.get().email(), user.get().roles());
        return new LoggedIn(user.get(), token);
    }

    User me(String userId) {
        return users.byId(userId).orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized",
                "The account of this token no longer exists"));
    }

    record LoggedIn(User user, TokenIssuer.IssuedToken token) {
    }
}
