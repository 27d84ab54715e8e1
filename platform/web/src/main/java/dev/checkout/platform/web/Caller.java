package dev.checkout.platform.web;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

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

    /**
     * The caller of the request being served, from its bearer token (subject, {@code ROLE_} authorities, {@code email}
     * claim), or {@link #ANONYMOUS}. For code that resolves its own request parameters before a handler's; a handler
     * declares a {@code Caller} parameter instead.
     */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token && token.isAuthenticated()) {
            Set<String> roles = token.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .filter(authority -> authority.startsWith("ROLE_"))
                    .map(authority -> authority.substring("ROLE_".length()))
                    .collect(Collectors.toUnmodifiableSet());
            return new Caller(token.getToken().getSubject(), roles, token.getToken().getClaimAsString("email"));
        }
        return ANONYMOUS;
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
