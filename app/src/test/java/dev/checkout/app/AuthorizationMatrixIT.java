package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import dev.checkout.platform.web.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint the application maps, called by each kind of caller, against the rule the contract gives it. The
 * endpoints come from the application's own request mappings: a new endpoint without a rule here fails this test, so
 * nobody adds one without deciding who may call it.
 */
class AuthorizationMatrixIT extends EndToEndTest {

    /** Who may call an endpoint. */
    enum Rule {
        /** Anyone, any token (health, the public keys). */
        ANYONE,
        /** Any caller but a service (catalog, login, quotes). */
        PUBLIC,
        /** Anonymous callers too, but a user's resource only for that user (carts). */
        OPTIONAL_OWNED,
        /** Logged-in users, each only their own resources. */
        USER_OWNED,
        /** Logged-in users (their own account, their own lists). */
        USER,
        /** Logged-in users who bought the product (none of the callers here did: the body is checked first, then 403). */
        VERIFIED_BUYER,
        ADMIN,
        SERVICE
    }

    enum Caller { ANONYMOUS, USER, OTHER_USER, SELLER, ADMIN, SERVICE }

    static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        RULES.put("GET /health", Rule.ANYONE);
        // The web pages: anyone may load them; the back office's own pages ask for a sign-in and call the API with it.
        RULES.put("GET /", Rule.ANYONE);
        RULES.put("GET /products/{productId}", Rule.ANYONE);
        RULES.put("GET /admin", Rule.ANYONE);
        RULES.put("GET /admin/login", Rule.ANYONE);
        RULES.put("POST /admin/login", Rule.ANYONE);
        RULES.put("POST /admin/logout", Rule.ANYONE);
        RULES.put("GET /admin/orders/{orderId}", Rule.ANYONE);
        RULES.put("GET /admin/dashboard", Rule.ANYONE);
        RULES.put("GET /admin/dead-letters", Rule.ANYONE);
        RULES.put("POST /admin/dead-letters/{id}/replay", Rule.ANYONE);
        // The back office's pages answer everyone: without an admin's session cookie they send to the sign-in form.
        for (String page : List.of("GET /admin/products", "POST /admin/products", "GET /admin/products/{productId}",
                "POST /admin/products/{productId}/stock", "GET /admin/coupons", "POST /admin/coupons", "POST /admin/coupons/{code}/retire",
                "GET /admin/flash-sales", "POST /admin/flash-sales", "GET /admin/returns", "POST /admin/returns/{returnId}/approve",
                "POST /admin/returns/{returnId}/reject", "GET /admin/shipments", "POST /admin/shipments/{shipmentId}/ship",
                "POST /admin/shipments/{shipmentId}/deliver", "GET /admin/notifications",
                "POST /admin/orders/{orderId}/status", "POST /admin/orders/{orderId}/cancel")) {
            RULES.put(page, Rule.ANYONE);
        }
        RULES.put("GET /login", Rule.ANYONE);
        RULES.put("POST /login", Rule.ANYONE);
        RULES.put("POST /register", Rule.ANYONE);
        RULES.put("POST /logout", Rule.ANYONE);
        RULES.put("GET /cart", Rule.ANYONE);
        RULES.put("POST /cart/items", Rule.ANYONE);
        RULES.put("POST /checkout", Rule.ANYONE);
        RULES.put("GET /checkout/{checkoutId}", Rule.ANYONE);
        RULES.put("POST /checkout/{checkoutId}/pay", Rule.ANYONE);
        RULES.put("GET /orders/{orderId}", Rule.ANYONE);
        RULES.put("POST /orders/{orderId}/return", Rule.ANYONE);
        RULES.put("GET /flash-sales/{flashSaleId}", Rule.ANYONE);
        RULES.put("POST /flash-sales/{flashSaleId}/queue", Rule.ANYONE);
        RULES.put("GET /flash-sales/{flashSaleId}/queue/{ticketId}", Rule.ANYONE);
        RULES.put("POST /flash-sales/{flashSaleId}/orders", Rule.ANYONE);
        RULES.put("GET /.well-known/jwks.json", Rule.ANYONE);
        RULES.put("GET /v3/api-docs", Rule.ANYONE);
        RULES.put("GET /v3/api-docs.yaml", Rule.ANYONE);
        RULES.put("GET /v3/api-docs/swagger-config", Rule.ANYONE);
        RULES.put("GET /swagger-ui.html", Rule.ANYONE);
        RULES.put("POST /api/v1/internal/service-tokens", Rule.ANYONE);
        RULES.put("POST /api/v1/auth/register", Rule.PUBLIC);
        RULES.put("POST /api/v1/auth/login", Rule.PUBLIC);
        RULES.put("GET /api/v1/products", Rule.PUBLIC);
        RULES.put("GET /api/v1/products/{productId}", Rule.PUBLIC);
        RULES.put("GET /api/v1/categories", Rule.PUBLIC);
        RULES.put("POST /api/v1/pricing/quotes", Rule.PUBLIC);
        RULES.put("POST /api/v1/carts", Rule.PUBLIC);
        RULES.put("GET /api/v1/carts/{cartId}", Rule.OPTIONAL_OWNED);
        RULES.put("POST /api/v1/carts/{cartId}/items", Rule.OPTIONAL_OWNED);
        RULES.put("PUT /api/v1/carts/{cartId}/items/{cartItemId}", Rule.OPTIONAL_OWNED);
        RULES.put("DELETE /api/v1/carts/{cartId}/items/{cartItemId}", Rule.OPTIONAL_OWNED);
        RULES.put("POST /api/v1/carts/{cartId}/merge", Rule.USER_OWNED);
        RULES.put("POST /api/v1/carts/{cartId}/checkout", Rule.USER_OWNED);
        RULES.put("GET /api/v1/users/me", Rule.USER);
        RULES.put("GET /api/v1/users/me/addresses", Rule.USER);
        RULES.put("POST /api/v1/users/me/addresses", Rule.USER);
        RULES.put("GET /api/v1/users/me/addresses/{addressId}", Rule.USER_OWNED);
        RULES.put("POST /api/v1/checkouts", Rule.USER);
        RULES.put("GET /api/v1/checkouts/{checkoutId}", Rule.USER_OWNED);
        RULES.put("POST /api/v1/checkouts/{checkoutId}/pay", Rule.USER_OWNED);
        RULES.put("POST /api/v1/orders", Rule.USER);
        RULES.put("POST /api/v1/orders/checkout", Rule.USER);
        RULES.put("GET /api/v1/orders", Rule.USER);
        RULES.put("GET /api/v1/orders/{orderId}", Rule.USER_OWNED);
        RULES.put("GET /api/v1/orders/{orderId}/status", Rule.USER_OWNED);
        RULES.put("POST /api/v1/orders/{orderId}/cancel", Rule.USER_OWNED);
        RULES.put("POST /api/v1/orders/{orderId}/return", Rule.USER_OWNED);
        RULES.put("GET /api/v1/admin/returns", Rule.ADMIN);
        RULES.put("POST /api/v1/admin/returns/{returnId}/approve", Rule.ADMIN);
        RULES.put("POST /api/v1/admin/returns/{returnId}/reject", Rule.ADMIN);
        RULES.put("POST /api/v1/admin/flash-sales", Rule.ADMIN);
        RULES.put("GET /api/v1/admin/flash-sales", Rule.ADMIN);
        RULES.put("GET /api/v1/products/{productId}/reviews", Rule.PUBLIC);
        RULES.put("POST /api/v1/products/{productId}/reviews", Rule.VERIFIED_BUYER);
        RULES.put("GET /api/v1/search/suggest", Rule.PUBLIC);
        RULES.put("POST /api/v1/admin/search/reindex", Rule.ADMIN);
        RULES.put("GET /api/v1/flash-sales/{flashSaleId}", Rule.PUBLIC);
        RULES.put("POST /api/v1/flash-sales/{flashSaleId}/queue", Rule.USER);
        RULES.put("GET /api/v1/flash-sales/{flashSaleId}/queue/{ticketId}", Rule.USER_OWNED);
        RULES.put("POST /api/v1/flash-sales/{flashSaleId}/orders", Rule.USER);
        RULES.put("POST /api/v1/admin/products", Rule.ADMIN);
        RULES.put("PATCH /api/v1/admin/products/{productId}", Rule.ADMIN);
        RULES.put("PUT /api/v1/admin/inventory/{productId}", Rule.ADMIN);
        RULES.put("GET /api/v1/admin/inventory/{productId}", Rule.ADMIN);
        RULES.put("POST /api/v1/admin/orders/{orderId}/status", Rule.ADMIN);
        RULES.put("GET /api/v1/admin/dead-letters", Rule.ADMIN);
        RULES.put("POST /api/v1/admin/dead-letters/{id}/replay", Rule.ADMIN);
        RULES.put("GET /api/v1/admin/sagas", Rule.ADMIN);
        RULES.put("GET /api/v1/admin/sagas/{sagaId}", Rule.ADMIN);
        RULES.put("GET /api/v1/admin/notifications", Rule.ADMIN);
        RULES.put("GET /api/v1/analytics/dashboard", Rule.ADMIN);
        RULES.put("GET /api/v1/analytics/metrics", Rule.ADMIN);
        RULES.put("GET /api/v1/admin/mailbox", Rule.ADMIN);
        RULES.put("GET /api/v1/admin/shipments", Rule.ADMIN);
        RULES.put("POST /api/v1/admin/shipments/{shipmentId}/ship", Rule.ADMIN);
        RULES.put("POST /api/v1/admin/shipments/{shipmentId}/deliver", Rule.ADMIN);
        RULES.put("POST /api/v1/admin/users/{userId}/suspend", Rule.ADMIN);
        RULES.put("POST /api/v1/admin/users/{userId}/reactivate", Rule.ADMIN);
        RULES.put("POST /api/v1/admin/coupons", Rule.ADMIN);
        RULES.put("GET /api/v1/admin/coupons", Rule.ADMIN);
        RULES.put("GET /api/v1/admin/coupons/{code}", Rule.ADMIN);
        RULES.put("PATCH /api/v1/admin/coupons/{code}", Rule.ADMIN);
        RULES.put("POST /api/v1/internal/pricing/quotes", Rule.SERVICE);
        RULES.put("GET /api/v1/internal/stock/{productId}", Rule.SERVICE);
        RULES.put("GET /api/v1/internal/orders/{orderId}", Rule.SERVICE);
        RULES.put("GET /api/v1/internal/checkouts/{checkoutId}", Rule.SERVICE);
        RULES.put("GET /api/v1/internal/users/{userId}", Rule.SERVICE);
        RULES.put("POST /api/v1/internal/standings", Rule.SERVICE);
        RULES.put("POST /api/v1/internal/carts/{cartId}/releases", Rule.SERVICE);
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    TokenIssuer identity;

    /** Every mapped endpoint, as {@code METHOD /path}: the error page aside, which the container calls. */
    List<String> endpoints() {
        TreeSet<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(pattern -> !pattern.equals("/error"))
                .forEach(pattern -> (info.getMethodsCondition().getMethods().isEmpty() ? List.of(org.springframework.web.bind.annotation.RequestMethod.GET)
                        : info.getMethodsCondition().getMethods()).forEach(method -> endpoints.add(method.name() + " " + pattern))));
        return List.copyOf(endpoints);
    }

    @Test
    void everyEndpointHasAnAccessRule() {
        assertThat(endpoints()).as("endpoints without a rule in AuthorizationMatrixIT.RULES").allSatisfy(endpoint ->
                assertThat(RULES).containsKey(endpoint));
    }

    @Test
    void everyEndpointAnswersEachKindOfCallerAsItsRuleSays() {
        ApiClient owner = fixtures.newCustomer();
        String productId = fixtures.productWithStock("3.00", 50);
        String cartId = Fixtures.cartWith(owner, productId, 1);
        String cartItemId = owner.get("/api/v1/carts/" + cartId).text("/items/0/cart_item_id");
        String orderId = placeOrder(owner, productId, 1, "tok_visa");
        String addressId = owner.post("/api/v1/users/me/addresses", Fixtures.address()).text("/address_id");
        // Admins suspend and reactivate this account, not the owner's (whose calls come after).
        String bystanderId = fixtures.newCustomer().get("/api/v1/users/me").text("/user_id");
        Map<String, String> ids = new java.util.HashMap<>(Map.of("cartId", cartId, "cartItemId", cartItemId, "orderId", orderId,
                "addressId", addressId, "productId", productId, "userId", bystanderId,
                "checkoutId", "chk_" + UUID.randomUUID().toString().replace("-", ""), "sagaId", orderId, "id", UUID.randomUUID().toString(),
                "returnId", "ret_" + UUID.randomUUID().toString().replace("-", "")));
        ids.put("code", "NOCOUPON" + UUID.randomUUID().toString().replace("-", "").substring(0, 8));
        ids.put("shipmentId", "shp_" + UUID.randomUUID().toString().replace("-", ""));
        ids.put("flashSaleId", "fs_" + UUID.randomUUID().toString().replace("-", ""));
        ids.put("ticketId", "tkt_" + UUID.randomUUID().toString().replace("-", ""));
        Map<Caller, ApiClient> callers = new LinkedHashMap<>();
        callers.put(Caller.ANONYMOUS, api);
        callers.put(Caller.USER, owner);
        callers.put(Caller.OTHER_USER, fixtures.newCustomer());
        ApiClient sellerAccount = fixtures.newCustomer();
        String sellerId = sellerAccount.get("/api/v1/users/me").text("/user_id");
        callers.put(Caller.SELLER, api.withToken(identity.issue(sellerId, "seller@example.com", List.of("USER", "SELLER")).value()));
        callers.put(Caller.ADMIN, fixtures.admin());
        callers.put(Caller.SERVICE, api.withToken(identity.serviceToken("matrix").value()));

        List<String> wrong = new ArrayList<>();
        for (String endpoint : endpoints()) {
            Rule rule = RULES.get(endpoint);
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            for (String name : ids.keySet()) {
                path = path.replace("{" + name + "}", ids.get(name));
            }
            // Destructive calls by the owner would change what the next callers see: the owner goes last.
            for (Caller caller : List.of(Caller.ANONYMOUS, Caller.OTHER_USER, Caller.SELLER, Caller.SERVICE, Caller.ADMIN, Caller.USER)) {
                ApiResponse answer = callers.get(caller).withHeader("Idempotency-Key", UUID.randomUUID().toString())
                        .send(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}");
                String expected = expected(rule, caller);
                if (!matches(expected, answer.status())) {
                    wrong.add(endpoint + " as " + caller + ": expected " + expected + ", got " + answer.status() + " " + answer.code());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** "allowed": neither 401 nor 403 (the empty body may still be a 400, the state a 409), never a 5xx. */
    static String expected(Rule rule, Caller caller) {
        return switch (rule) {
            case ANYONE -> "allowed";
            case PUBLIC -> caller == Caller.SERVICE ? "403" : "allowed";
            case OPTIONAL_OWNED -> switch (caller) {
                case SERVICE -> "403";
                // A user's cart does not exist for anyone else, the anonymous included (admins may look).
                case ANONYMOUS, OTHER_USER, SELLER -> "404";
                default -> "allowed";
            };
            case USER_OWNED -> switch (caller) {
                case ANONYMOUS -> "401";
                case SERVICE -> "403";
                // 404 as if it did not exist; a 400 where the body is checked before the id, which no one owns here
                case OTHER_USER, SELLER -> "404|400";
                default -> "allowed";
            };
            case VERIFIED_BUYER -> switch (caller) {
                case ANONYMOUS -> "401";
                default -> "400|403";
            };
            case USER -> switch (caller) {
                case ANONYMOUS -> "401";
                case SERVICE -> "403";
                default -> "allowed";
            };
            case ADMIN -> switch (caller) {
                case ANONYMOUS -> "401";
                case ADMIN -> "allowed";
                default -> "403";
            };
            case SERVICE -> switch (caller) {
                case ANONYMOUS -> "401";
                case SERVICE -> "allowed";
                default -> "403";
            };
        };
    }

    static boolean matches(String expected, int status) {
        return expected.equals("allowed") ? status != 401 && status != 403 && status < 500
                : java.util.Arrays.asList(expected.split("\\|")).contains(Integer.toString(status));
    }
}
