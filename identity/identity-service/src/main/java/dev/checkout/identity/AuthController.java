package dev.checkout.identity;

import dev.checkout.platform.web.RateLimited;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/auth/register} and {@code POST /api/v1/auth/login}. */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    private final Accounts accounts;

    AuthController(Accounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/register")
    @RateLimited(operation = "register-ip", per = RateLimited.Per.IP)
    @ResponseStatus(HttpStatus.CREATED)
    Registered register(@Valid @RequestBody RegisterRequest request) {
        User user = accounts.register(request.email().trim(), request.password(), request.firstName(), request.lastName());
        return new Registered(user.userId(), user.email());
    }

    @PostMapping("/login")
    @RateLimited(operation = "login-ip", per = RateLimited.Per.IP)
    @RateLimited(operation = "login-email", per = RateLimited.Per.BODY_FIELD, field = "email")
    LoginResponse login(@Valid @RequestBody LoginRequest request) {
        var loggedIn = accounts.login(request.email(), request.password());
        return new LoginResponse(loggedIn.token().value(), "Bearer", loggedIn.token().expiresInSeconds(),
                loggedIn.user().userId(), loggedIn.user().roles());
    }

    record RegisterRequest(
            @NotBlank(message = "is required") @Email(message = "is not a valid e-mail address") @Size(max = 254) String email,
            // bcrypt reads at most 72 bytes; longer passwords would be silently truncated
            @NotNull(message = "is required") @Size(min = 8, max = 72, message = "must be 8 to 72 characters long") String password,
            @Size(max = 100) String firstName,
            @Size(max = 100) String lastName) {
    }

    record Registered(String userId, String email) {
    }

    record LoginRequest(@NotBlank(message = "is required") String email, @NotNull(message = "is required") String password) {
    }

    record LoginResponse(String accessToken, String tokenType, long expiresIn, String userId, List<String> roles) {
    }
}
