package dev.checkout.storefront;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * The back office at {@code /admin}, for admins: without a session it shows the sign-in form; signed in, the latest
 * orders, stuck sagas and dead letters, and an order's page with its saga steps. Every figure comes from the public
 * API called with the admin's own token, so the API's authorization is the pages' too.
 */
@Controller
class BackOfficePages {

    static final String SESSION = "checkout_admin";

    private final PublicApi api;

    BackOfficePages(PublicApi api) {
        this.api = api;
    }

    @GetMapping("/admin/login")
    String signInForm(Model model) {
        model.addAttribute("problem", null);
        return "backoffice/login";
    }

    @PostMapping("/admin/login")
    String signIn(@RequestParam(required = false) String email, @RequestParam(required = false) String password, Model model,
                  HttpServletResponse response) {
        PublicApi.Answer login = api.post("identity", "/api/v1/auth/login", Map.of("email", String.valueOf(email),
                "password", String.valueOf(password)), null);
        if (!login.ok()) {
            // The form again with the reason; a 429 keeps its meaning for a client that reads statuses.
            model.addAttribute("problem", login.problem());
            if (login.status() == 429) {
                response.setStatus(429);
            }
            return "backoffice/login";
        }
        String token = login.body().path("access_token").asString();
        response.addHeader("Set-Cookie", ResponseCookie.from(SESSION, token).httpOnly(true).sameSite("Strict").path("/admin")
                .maxAge(Duration.ofSeconds(login.body().path("expires_in").asLong(3600))).build().toString());
        return "redirect:/admin";
    }

    @PostMapping("/admin/logout")
    String signOut(HttpServletResponse response) {
        response.addHeader("Set-Cookie", ResponseCookie.from(SESSION, "").httpOnly(true).sameSite("Strict").path("/admin")
                .maxAge(0).build().toString());
        return "redirect:/admin/login";
    }

    @GetMapping("/admin")
    String home(@CookieValue(name = SESSION, required = false) String token, Model model) {
        if (AdminSession.missing(token)) {
            return AdminSession.SIGN_IN;
        }
        PublicApi.Answer orders = api.get("order", "/api/v1/orders?limit=50", token);
        if (AdminSession.signedOut(orders)) {
            return AdminSession.SIGN_IN;
        }
        PublicApi.Answer stuck = api.get("order", "/api/v1/admin/sagas?status=STUCK&limit=50", token);
        PublicApi.Answer deadLetters = api.get("order", "/api/v1/admin/dead-letters", token);
        model.addAttribute("orders", orders.ok() ? orders.body().path("orders") : null);
        model.addAttribute("stuck", stuck.ok() ? stuck.body().path("sagas") : null);
        model.addAttribute("deadLetters", deadLetters.ok() ? deadLetters.body().path("dead_letters") : null);
        model.addAttribute("problem", orders.ok() ? null : orders.problem());
        return "backoffice/home";
    }

    @GetMapping("/admin/orders/{orderId}")
    String order(@CookieValue(name = SESSION, required = false) String token, @PathVariable String orderId, Model model) {
        if (AdminSession.missing(token)) {
            return AdminSession.SIGN_IN;
        }
        PublicApi.Answer order = api.get("order", "/api/v1/orders/{id}", token, orderId);
        if (AdminSession.signedOut(order)) {
            return AdminSession.SIGN_IN;
        }
        model.addAttribute("order", order.ok() ? order.body() : null);
        AdminSession.showProblem(model, order);
        return "backoffice/order";
    }

    /** An admin moves a confirmed order on (PROCESSING, SHIPPED with a tracking number, DELIVERED). */
    @PostMapping("/admin/orders/{orderId}/status")
    String changeStatus(@CookieValue(name = SESSION, required = false) String token, @PathVariable String orderId,
                        @RequestParam(required = false) String status, @RequestParam(name = "tracking_number", required = false) String tracking,
                        Model model) {
        if (AdminSession.missing(token)) {
            return AdminSession.SIGN_IN;
        }
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("status", status == null ? "" : status);
        if (tracking != null && !tracking.isBlank()) {
            change.put("tracking_number", tracking.trim());
        }
        PublicApi.Answer changed = api.post("order", "/api/v1/admin/orders/{id}/status", change, token, orderId);
        return AdminSession.afterAction(changed, orderPage(orderId), model, () -> order(token, orderId, model));
    }

    /** An admin cancels an order: the saga refunds the payment and gives the stock back. */
    @PostMapping("/admin/orders/{orderId}/cancel")
    String cancel(@CookieValue(name = SESSION, required = false) String token, @PathVariable String orderId, Model model) {
        if (AdminSession.missing(token)) {
            return AdminSession.SIGN_IN;
        }
        PublicApi.Answer cancelled = api.post("order", "/api/v1/orders/{id}/cancel", null, token, orderId);
        return AdminSession.afterAction(cancelled, orderPage(orderId), model, () -> order(token, orderId, model));
    }

    private static String orderPage(String orderId) {
        return "/admin/orders/" + UriUtils.encodePathSegment(orderId, StandardCharsets.UTF_8);
    }
}
