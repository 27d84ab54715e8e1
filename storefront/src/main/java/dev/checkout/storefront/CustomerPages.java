package dev.checkout.storefront;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A customer's way through the store: sign in or register, put products in the cart, open a two-step checkout (stock
 * reserved, prices locked, a countdown to its expiry), pay it with a card token, follow the order's saga until it
 * settles and its delivery, and send a delivered order back. Each step is one call of the public API with the customer's token, kept in an HTTP-only cookie.
 */
@Controller
class CustomerPages {

    static final String SESSION = "checkout_session";

    private final PublicApi api;

    CustomerPages(PublicApi api) {
        this.api = api;
    }

    @GetMapping("/login")
    String signInForm(@RequestParam(required = false) String next, Model model) {
        model.addAttribute("next", safe(next));
        model.addAttribute("problem", null);
        return "storefront/login";
    }

    @PostMapping("/login")
    String signIn(@RequestParam(required = false) String email, @RequestParam(required = false) String password,
                  @RequestParam(required = false) String next, Model model, HttpServletResponse response) {
        PublicApi.Answer login = api.post("identity", "/api/v1/auth/login", Map.of("email", String.valueOf(email),
                "password", String.valueOf(password)), null);
        if (!login.ok()) {
            model.addAttribute("next", safe(next));
            model.addAttribute("problem", login.problem());
            return "storefront/login";
        }
        response.addHeader("Set-Cookie", ResponseCookie.from(SESSION, login.body().path("access_token").asString()).httpOnly(true)
                .sameSite("Lax").path("/").maxAge(Duration.ofSeconds(login.body().path("expires_in").asLong(3600))).build().toString());
        return "redirect:" + safe(next);
    }

    @PostMapping("/register")
    String register(@RequestParam(required = false) String email, @RequestParam(required = false) String password,
                    @RequestParam(required = false) String next, Model model, HttpServletResponse response) {
        PublicApi.Answer registered = api.post("identity", "/api/v1/auth/register", Map.of("email", String.valueOf(email),
                "password", String.valueOf(password)), null);
        if (!registered.ok()) {
            model.addAttribute("next", safe(next));
            model.addAttribute("problem", registered.problem());
            return "storefront/login";
        }
        return signIn(email, password, next, model, response);
    }

    @PostMapping("/logout")
    String signOut(HttpServletResponse response) {
        response.addHeader("Set-Cookie", ResponseCookie.from(SESSION, "").httpOnly(true).sameSite("Lax").path("/").maxAge(0).build().toString());
        return "redirect:/";
    }

    @PostMapping("/cart/items")
    String addToCart(@CookieValue(name = SESSION, required = false) String token, @RequestParam(required = false) String productId,
                     @RequestParam(required = false) Integer quantity) {
        if (token == null) {
            return "redirect:/login?next=/products/" + pathSegmentOrEmpty(productId);
        }
        PublicApi.Answer cart = api.post("cart", "/api/v1/carts", null, token);
        if (cart.ok()) {
            api.post("cart", "/api/v1/carts/{id}/items", Map.of("product_id", String.valueOf(productId),
                    "quantity", quantity == null ? 1 : quantity), token, cart.body().path("cart_id").asString());
        }
        return "redirect:/cart";
    }

    @GetMapping("/cart")
    String cart(@CookieValue(name = SESSION, required = false) String token, Model model) {
        if (token == null) {
            return "redirect:/login?next=/cart";
        }
        PublicApi.Answer cart = api.post("cart", "/api/v1/carts", null, token);
        model.addAttribute("cart", cart.ok() ? cart.body() : null);
        model.addAttribute("problem", cart.ok() ? null : cart.problem());
        return "storefront/cart";
    }

    @PostMapping("/checkout")
    String openCheckout(@CookieValue(name = SESSION, required = false) String token, @RequestParam(required = false) String cartId,
                        @RequestParam(required = false) String street, @RequestParam(required = false) String city,
                        @RequestParam(required = false) String zip, @RequestParam(required = false) String country, Model model) {
        if (token == null) {
            return "redirect:/login?next=/cart";
        }
        PublicApi.Answer checkout = api.post("order", "/api/v1/checkouts", Map.of("cart_id", String.valueOf(cartId),
                "shipping_address", address(street, city, zip, country)), token);
        if (!checkout.ok()) {
            PublicApi.Answer cart = api.post("cart", "/api/v1/carts", null, token);
            model.addAttribute("cart", cart.ok() ? cart.body() : null);
            model.addAttribute("problem", checkout.problem());
            return "storefront/cart";
        }
        return "redirect:/checkout/" + checkout.body().path("checkout_id").asString();
    }

    @GetMapping("/checkout/{checkoutId}")
    String checkout(@CookieValue(name = SESSION, required = false) String token, @PathVariable String checkoutId, Model model) {
        if (token == null) {
            return "redirect:/login?next=/cart";
        }
        PublicApi.Answer checkout = api.get("order", "/api/v1/checkouts/{id}", token, checkoutId);
        model.addAttribute("checkout", checkout.ok() ? checkout.body() : null);
        model.addAttribute("problem", checkout.ok() ? null : checkout.problem());
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString()); // one per form: a resubmitted form pays once
        return "storefront/checkout";
    }

    @PostMapping("/checkout/{checkoutId}/pay")
    String pay(@CookieValue(name = SESSION, required = false) String token, @PathVariable String checkoutId,
               @RequestParam(required = false) String cardToken, @RequestParam(required = false) String idempotencyKey, Model model) {
        if (token == null) {
            return "redirect:/login?next=/cart";
        }
        PublicApi.Answer paid = api.postWithKey("order", "/api/v1/checkouts/{id}/pay", Map.of("payment_method",
                Map.of("type", "card", "card_token", String.valueOf(cardToken))), token, idempotencyKey, checkoutId);
        if (!paid.ok()) {
            PublicApi.Answer checkout = api.get("order", "/api/v1/checkouts/{id}", token, checkoutId);
            model.addAttribute("checkout", checkout.ok() ? checkout.body() : null);
            model.addAttribute("problem", paid.problem());
            model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
            return "storefront/checkout";
        }
        return "redirect:/orders/" + paid.body().path("order_id").asString();
    }

    @GetMapping("/orders/{orderId}")
    String order(@CookieValue(name = SESSION, required = false) String token, @PathVariable String orderId, Model model) {
        if (token == null) {
            return "redirect:/login?next=/orders/" + pathSegmentOrEmpty(orderId);
        }
        PublicApi.Answer order = api.get("order", "/api/v1/orders/{id}", token, orderId);
        model.addAttribute("order", order.ok() ? order.body() : null);
        model.addAttribute("problem", order.ok() ? null : order.problem());
        return "storefront/order";
    }

    /** A delivered order's items sent back (all of them, with the customer's reason); a refusal shows on the order page. */
    @PostMapping("/orders/{orderId}/return")
    String requestReturn(@CookieValue(name = SESSION, required = false) String token, @PathVariable String orderId,
                         @RequestParam(required = false) String reason, Model model) {
        if (token == null) {
            return "redirect:/login?next=/orders/" + pathSegmentOrEmpty(orderId);
        }
        PublicApi.Answer requested = api.post("order", "/api/v1/orders/{id}/return",
                Map.of("reason", reason == null || reason.isBlank() ? "no reason given" : reason), token, orderId);
        if (!requested.ok()) {
            order(token, orderId, model);
            model.addAttribute("returnProblem", requested.problem());
            return "storefront/order";
        }
        return "redirect:/orders/" + pathSegmentOrEmpty(orderId);
    }

    /** A shipping address as the API takes it, from the form's fields (missing ones stay null for the API to refuse). */
    static Map<String, Object> address(String street, String city, String zip, String country) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("street", street);
        address.put("city", city);
        address.put("zip", zip);
        address.put("country", country);
        return address;
    }

    /** Only a path of this site to go back to: never another site's address. */
    private static String safe(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }

    /** An id fit for a path of this site (ids are letters, digits and underscores), or nothing. */
    static String pathSegmentOrEmpty(String id) {
        return id != null && id.matches("[A-Za-z0-9_]{1,100}") ? id : "";
    }
}
