package dev.checkout.identity;

import java.time.Instant;
import java.util.List;

/** A registered user as stored. */
record User(String userId, String email, String passwordHash, String firstName, String lastName, List<String> roles,
            String status, Instant createdAt) {

    boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
