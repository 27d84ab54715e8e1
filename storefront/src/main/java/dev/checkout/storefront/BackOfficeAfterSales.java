package dev.checkout.storefront;

import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The back office after the sale: returns (approve, reject), shipments (ship with a carrier and tracking number,
 * deliver) and the notifications sent. Each list can be narrowed by status or order; each action is one call of the
 * public admin API and then a GET of the list again, so reloading a page never repeats an action.
 */
@Controller
class BackOfficeAfterSales {

    private final PublicApi api;

    BackOfficeAfterSales(PublicApi api) {
        this.api = api;
    }

    @GetMapping("/admin/returns")
    String returns(@CookieValue(name = BackOfficePages.SESSION, required = false) String token,
                   @RequestParam(required = false) String status, Model model) {
        model.addAttribute("status", status == null ? "" : status);
        return blank(status)
                ? AdminSession.listPage(api, token, model, "order", "/api/v1/admin/returns?limit=100", "returns", "returns", "backoffice/returns")
                : AdminSession.listPage(api, token, model, "order", "/api/v1/admin/returns?limit=100&status={status}", "returns", "returns",
                        "backoffice/returns", status);
    }

    @PostMapping("/admin/returns/{returnId}/approve")
    String approveReturn(@CookieValue(name = BackOfficePages.SESSION, required = false) String token, @PathVariable String returnId,
                         Model model) {
        if (AdminSession.missing(token)) {
            return AdminSession.SIGN_IN;
        }
        PublicApi.Answer approved = api.post("order", "/api/v1/admin/returns/{id}/approve", null, token, returnId);
        return AdminSession.afterAction(approved, "/admin/returns", model, () -> returns(token, null, model));
    }

    @PostMapping("/admin/returns/{returnId}/reject")
    String rejectReturn(@CookieValue(name = BackOfficePages.SESSION, required = false) String token, @PathVariable String returnId,
                        @RequestParam(required = false) String reason, Model model) {
        if (AdminSession.missing(token)) {
            return AdminSession.SIGN_IN;
        }
        PublicApi.Answer rejected = api.post("order", "/api/v1/admin/returns/{id}/reject",
                Map.of("reason", reason == null ? "" : reason.trim()), token, returnId);
        return AdminSession.afterAction(rejected, "/admin/returns", model, () -> returns(token, null, model));
    }

    @GetMapping("/admin/shipments")
    String shipments(@CookieValue(name = BackOfficePages.SESSION, required = false) String token,
                     @RequestParam(required = false) String status, Model model) {
        model.addAttribute("status", status == null ? "" : status);
        return blank(status)
                ? AdminSession.listPage(api, token, model, "fulfillment", "/api/v1/admin/shipments?limit=100", "shipments", "shipments",
                        "backoffice/shipments")
                : AdminSession.listPage(api, token, model, "fulfillment", "/api/v1/admin/shipments?limit=100&status={status}", "shipments",
                        "shipments", "backoffice/shipments", status);
    }

    @PostMapping("/admin/shipments/{shipmentId}/ship")
    String ship(@CookieValue(name = BackOfficePages.SESSION, required = false) String token, @PathVariable String shipmentId,
                @RequestParam Map<String, String> form, Model model) {
        if (AdminSession.missing(token)) {
            return AdminSession.SIGN_IN;
        }
        PublicApi.Answer shipped = api.post("fulfillment", "/api/v1/admin/shipments/{id}/ship",
                Map.of("carrier", AdminSession.filled(form, "carrier").orElse(""),
                        "tracking_number", AdminSession.filled(form, "tracking_number").orElse("")), token, shipmentId);
        return AdminSession.afterAction(shipped, "/admin/shipments", model, () -> shipments(token, null, model));
    }

    @PostMapping("/admin/shipments/{shipmentId}/deliver")
    String deliver(@CookieValue(name = BackOfficePages.SESSION, required = false) String token, @PathVariable String shipmentId,
                   Model model) {
        if (AdminSession.missing(token)) {
            return AdminSession.SIGN_IN;
        }
        PublicApi.Answer delivered = api.post("fulfillment", "/api/v1/admin/shipments/{id}/deliver", null, token, shipmentId);
        return AdminSession.afterAction(delivered, "/admin/shipments", model, () -> shipments(token, null, model));
    }

    @GetMapping("/admin/notifications")
    String notifications(@CookieValue(name = BackOfficePages.SESSION, required = false) String token,
                         @RequestParam(name = "order_id", required = false) String orderId, Model model) {
        model.addAttribute("orderId", orderId == null ? "" : orderId);
        // The contract answers a bare array: the whole body is the list.
        return blank(orderId)
                ? AdminSession.listPage(api, token, model, "notification", "/api/v1/admin/notifications", null, "notifications",
                        "backoffice/notifications")
                : AdminSession.listPage(api, token, model, "notification", "/api/v1/admin/notifications?order_id={order}", null,
                        "notifications", "backoffice/notifications", orderId.trim());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
