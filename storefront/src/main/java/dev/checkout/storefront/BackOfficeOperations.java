package dev.checkout.storefront;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The back office's operations pages: the analytics dashboard with charts of the last day's orders and revenue, and
 * the dead letters with a replay button each. Like every back-office page they call the public API with the admin's
 * own token, so an expired or missing session goes back to the sign-in form.
 */
@Controller
class BackOfficeOperations {

    private static final int CHART_HOURS = 24;

    private final PublicApi api;

    BackOfficeOperations(PublicApi api) {
        this.api = api;
    }

    @GetMapping("/admin/dashboard")
    String dashboard(@CookieValue(name = BackOfficePages.SESSION, required = false) String token, Model model) {
        if (AdminSession.missing(token)) {
            return AdminSession.SIGN_IN;
        }
        PublicApi.Answer figures = api.get("analytics", "/api/v1/analytics/dashboard", token);
        if (AdminSession.signedOut(figures)) {
            return AdminSession.SIGN_IN;
        }
        // 24 whole hours, the current one last.
        Instant to = Instant.now();
        Instant from = to.truncatedTo(ChronoUnit.HOURS).minus(CHART_HOURS - 1, ChronoUnit.HOURS);
        PublicApi.Answer orders = api.get("analytics", "/api/v1/analytics/metrics?metric=orders&interval=hour&from={from}&to={to}",
                token, from, to);
        PublicApi.Answer revenue = api.get("analytics", "/api/v1/analytics/metrics?metric=revenue&interval=hour&from={from}&to={to}",
                token, from, to);
        model.addAttribute("figures", figures.ok() ? figures.body() : null);
        model.addAttribute("ordersChart", orders.ok() ? BarChart.of("Orders per hour", orders.body().path("series")) : null);
        model.addAttribute("revenueChart", revenue.ok() ? BarChart.of("Revenue per hour", revenue.body().path("series")) : null);
        model.addAttribute("problem", figures.ok() ? (orders.ok() ? (revenue.ok() ? null : revenue.problem()) : orders.problem())
                : figures.problem());
        return "backoffice/dashboard";
    }

    @GetMapping("/admin/dead-letters")
    String deadLetters(@CookieValue(name = BackOfficePages.SESSION, required = false) String token,
                       @RequestParam(required = false) String topic, @RequestParam(required = false) String replayed, Model model) {
        model.addAttribute("topic", topic == null ? "" : topic);
        model.addAttribute("replayed", replayed);
        return topic == null || topic.isBlank()
                ? AdminSession.listPage(api, token, model, "order", "/api/v1/admin/dead-letters?limit=100", "dead_letters", "deadLetters",
                        "backoffice/dead-letters")
                : AdminSession.listPage(api, token, model, "order", "/api/v1/admin/dead-letters?limit=100&topic={topic}", "dead_letters",
                        "deadLetters", "backoffice/dead-letters", topic);
    }

    @PostMapping("/admin/dead-letters/{id}/replay")
    String replay(@CookieValue(name = BackOfficePages.SESSION, required = false) String token, @PathVariable String id,
                  Model model) {
        if (AdminSession.missing(token)) {
            return AdminSession.SIGN_IN;
        }
        PublicApi.Answer replayed = api.post("order", "/api/v1/admin/dead-letters/{id}/replay", null, token, id);
        if (AdminSession.signedOut(replayed)) {
            return AdminSession.SIGN_IN;
        }
        if (!replayed.ok()) {
            // The list again with the reason (a 404 for a letter that is gone), the URL unchanged.
            model.addAttribute("problem", replayed.problem());
            return deadLetters(token, null, null, model);
        }
        // Back to the list by a GET, so reloading the page never replays twice.
        return "redirect:/admin/dead-letters?replayed=" + replayed.body().path("id").asString();
    }
}
