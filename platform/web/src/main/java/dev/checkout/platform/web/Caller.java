package dev.checkout.platform.web;

import java.util.Set;

import org.springframework.http.HttpStatus;

/**
 * Who is calling: an authenticated user with roles, or an anonymous guest (carts may be used without logging in).
 * Controllers declare it as a parameter; they never read the security context themselves. {@code email} is the address
 * the token names (identity puts the account's address in every user token); null for a guest or a token without one.
 */
public record Caller(String userId, Set<String> roles, String email) {

    public static final Caller ANONYMOUS = new Caller(null, Set.of(), null);

    public Caller(String userId, Set<String> roles) {
        this(userId, roles, null);
    }

    public boolean isAuthenticated() {
        return userId != null;
    }

    public boolean isAdmin() {
        return roles.contains("ADMIN");
    }

    /** The user's id; a 401 problem for a guest. */
    public String requireUserId() {
        if (userId == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "This needs a bearer token");
        }
        return userId;
    }

    /** Whether this caller may see something that belongs to {@code ownerId}: its owner or an admin. */
    public boolean mayAccess(String ownerId) {
        return isAdmin() || (userId != null && userId.equals(ownerId));
    }
}
