package dev.checkout.platform.web;

/**
 * Whether a user's account may act now (not suspended, not deleted). Identity answers it from its own table where it
 * runs; other processes ask identity's internal API.
 */
public interface AccountStatuses {

    /** The path of identity's internal answer: 200 {@link Answer}, or 404 {@link #ABSENT}. */
    String PATH = "/api/v1/internal/users/{userId}";

    /** The problem code of the 404 that says there is no such user. */
    String ABSENT = "not_found";

    boolean isActive(String userId);

    /**
     * Identity's answer at {@link #PATH}: whether the account may act ({@code status} {@code ACTIVE}), and the address
     * notifications go to. Read tolerantly: members may be added.
     */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(String userId, String status, String email) {

        public boolean active() {
            return "ACTIVE".equals(status);
        }
    }
}
