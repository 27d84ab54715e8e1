package dev.checkout.storefront;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A flash sale's waiting room: {@code /flash-sales/{id}} shows the sale and lets a signed-in customer join its queue;
 * the ticket's page follows the customer's place in line (reloading itself while waiting) and, once admitted, takes the
 * address and card to buy with the purchase token before it lapses. Every step is one call of the public API.
 */
@Controller
class FlashSalePages {

    private final PublicApi api;

    FlashSalePages(PublicApi api) {
        this.api = api;
    }

    @GetMapping("/flash-sales/{flashSaleId}")
    String sale(@PathVariable String flashSaleId, Model model) {
        PublicApi.Answer sale = api.get("order", "/api/v1/flash-sales/{id}", null, flashSaleId);
        model.addAttribute("sale", sale.ok() ? sale.body() : null);
        model.addAttribute("problem", sale.ok() ? null : sale.problem());
        if (sale.ok()) {
            PublicApi.Answer product = api.get("catalog", "/api/v1/products/{id}", null, sale.body().path("product_id").asString());
            model.addAttribute("product", product.ok() ? product.body() : null);
        }
        return "storefront/flash-sale";
    }

    @PostMapping("/flash-sales/{flashSaleId}/queue")
    String join(@CookieValue(name = CustomerPages.SESSION, required = false) String token, @PathVariable String flashSaleId,
                @RequestParam(required = false) Integer quantity, Model model) {
        String here = "/flash-sales/" + CustomerPages.pathSegmentOrEmpty(flashSaleId);
        if (token == null) {
            return "redirect:/login?next=" + here;
        }
        PublicApi.Answer ticket = api.post("order", "/api/v1/flash-sales/{id}/queue", Map.of("quantity", quantity == null ? 1 : quantity),
                token, flashSaleId);
        if (!ticket.ok() || ticket.body().path("ticket_id").isMissingNode()) {
            sale(flashSaleId, model);
            model.addAttribute("joinProblem", ticket.ok() ? "Sold out: every unit of this sale is sold." : ticket.problem());
            return "storefront/flash-sale";
        }
        return "redirect:" + here + "/queue/" + CustomerPages.pathSegmentOrEmpty(ticket.body().path("ticket_id").asString());
    }

    @GetMapping("/flash-sales/{flashSaleId}/queue/{ticketId}")
    String ticket(@CookieValue(name = CustomerPages.SESSION, required = false) String token, @PathVariable String flashSaleId,
                  @PathVariable String ticketId, Model model) {
        if (token == null) {
            return "redirect:/login?next=/flash-sales/" + CustomerPages.pathSegmentOrEmpty(flashSaleId);
        }
        PublicApi.Answer ticket = api.get("order", "/api/v1/flash-sales/{id}/queue/{ticket}", token, flashSaleId, ticketId);
        model.addAttribute("flashSaleId", flashSaleId);
        model.addAttribute("ticketId", ticketId);
        model.addAttribute("ticket", ticket.ok() ? ticket.body() : null);
        model.addAttribute("problem", ticket.ok() ? null : ticket.problem());
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString()); // one per form: a resubmitted form buys once
        return "storefront/flash-sale-ticket";
    }

    @PostMapping("/flash-sales/{flashSaleId}/orders")
    String buy(@CookieValue(name = CustomerPages.SESSION, required = false) String token, @PathVariable String flashSaleId,
               @RequestParam(required = false) String ticketId, @RequestParam(required = false) String purchaseToken,
               @RequestParam(required = false) String idempotencyKey, @RequestParam(required = false) String street,
               @RequestParam(required = false) String city, @RequestParam(required = false) String zip,
               @RequestParam(required = false) String country, @RequestParam(required = false) String cardToken, Model model) {
        if (token == null) {
            return "redirect:/login?next=/flash-sales/" + CustomerPages.pathSegmentOrEmpty(flashSaleId);
        }
        Map<String, Object> order = Map.of("purchase_token", String.valueOf(purchaseToken),
                "shipping_address", CustomerPages.address(street, city, zip, country),
                "payment_method", Map.of("type", "card", "card_token", String.valueOf(cardToken)));
        PublicApi.Answer placed = api.postWithKey("order", "/api/v1/flash-sales/{id}/orders", order, token,
                idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString() : idempotencyKey, flashSaleId);
        if (!placed.ok()) {
            ticket(token, flashSaleId, String.valueOf(ticketId), model);
            model.addAttribute("buyProblem", placed.problem());
            return "storefront/flash-sale-ticket";
        }
        return "redirect:/orders/" + CustomerPages.pathSegmentOrEmpty(placed.body().path("order_id").asString());
    }
}
