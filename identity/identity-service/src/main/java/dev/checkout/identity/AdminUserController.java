package dev.checkout.identity;

import java.util.Map;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * ADMIN: {@code POST /api/v1/admin/users/{user_id}/suspend} and {@code .../reactivate}. A suspended user cannot log in,
 * and the tokens they hold stop working on every service within {@code checkout.security.account-check}.
 */
@RestController
@RequestMapping("/api/v1/admin/users/{userId}")
class AdminUserController {

    private final Accounts accounts;

    AdminUserController(Accounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/suspend")
    Map<String, Object> suspend(@PathVariable String userId) {
        return setStatus(userId, "SUSPENDED");
    }

    @PostMapping("/reactivate")
    Map<String, Object> reactivate(@PathVariable String userId) {
        return setStatus(userId, "ACTIVE");
    }

    private Map<String, Object> setStatus(String userId, String status) {
        accounts.setStatus(userId, status);
        return Map.of("user_id", userId, "status", status);
    }
}
