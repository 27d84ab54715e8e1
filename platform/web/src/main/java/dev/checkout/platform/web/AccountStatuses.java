package dev.checkout.platform.web;

/**
 * Whether a user's account may act now (not suspended, not deleted). Identity answers it from its own table where it
 * runs; other processes ask identity's internal API.
 */
public interface AccountStatuses {

    /** The path of identity's internal answer: 200 {@code {user_id, status}}, or 404 {@code not_found}. */
    String PATH = "/api/v1/internal/users/{userId}";

    boolean isActive(String userId);
}
