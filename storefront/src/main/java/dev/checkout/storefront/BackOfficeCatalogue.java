package dev.checkout.storefront;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;

/**
 * The back office's selling pages: products with their stock (create a product, set a warehouse's stock), coupons
 * (create, retire) and flash sales (define one, watch it). Forms post here; each action is one call of the public
 * admin API with the admin's token, and a refusal comes back on the same page as the API's own problem text.
 */
@Controller
class BackOfficeCatalogue {

    private static final int PRODUCTS_PER_PAGE = 20;

    private final PublicApi api;

    BackOfficeCatalogue(PublicApi api) {
        this.api = api;
    }

    /** A product of the list beside its stock (null when the inventory could not say). */
    record ProductRow(JsonNode product, JsonNode stock) {
    }

    @GetMapping("/admin/products")
    String products(@CookieValue(name = BackOfficePages.SESSION, required = false) String token,
                    @RequestParam(defaultValue = "1") String page, Model model) {
        if (AdminSession.missing(token) || !AdminSession.isAdmin(api, token)) {
            return AdminSession.SIGN_IN;
        }
        PublicApi.Answer listed = api.get("catalog", "/api/v1/products?sort=newest&limit={limit}&page={page}", null,
                PRODUCTS_PER_PAGE, page);
        List<ProductRow> rows = new ArrayList<>();
        if (listed.ok()) {
            for (JsonNode product : listed.body().path("products")) {
                PublicApi.Answer stock = api.get("inventory", "/api/v1/admin/inventory/{id}", token, product.path("product_id").asString());
                rows.add(new ProductRow(product, stock.ok() ? stock.body() : null));
            }
        }
        model.addAttribute("products", rows);
        model.addAttribute("pagination", listed.ok() ? listed.body().path("pagination") : null);
        AdminSession.showProblem(model, listed);
        return "backoffice/products";
    }

    @PostMapping("/admin/products")
    String createProduct(@CookieValue(name = BackOfficePages.SESSION, required = false) String token,
                         @RequestParam Map<String, String> form, Model model) {
        if (AdminSession.missing(token)) {
            return AdminSession.SIGN_IN;
        }
        Map<String, Object> product = new LinkedHashMap<>();
        for (String field : List.of("sku", "name", "brand", "category_path", "description")) {
            AdminSession.filled(form, field).ifPresent(value -> product.put(field, value));
        }
        AdminSession.filled(form, "base_price").ifPresent(price -> product.put("base_price", AdminSession.numberOrText(price)));
        PublicApi.Answer created = api.post("catalog", "/api/v1/admin/products", product, token);
        return AdminSession.afterAction(created, "/admin/products/" + created.body().path("product_id").asString(""), model,
                () -> products(token, "1", model));
    }

    @GetMapping("/admin/products/{productId}")
    String product(@CookieValue(name = BackOfficePages.SESSION, required = false) String token, @PathVariable String productId,
                   Model model) {
        if (AdminSession.missing(token)) {
            return AdminSession.SIGN_IN;
        }
        PublicApi.Answer stock = api.get("inventory", "/api/v1/admin/inventory/{id}", token, productId);
        if (AdminSession.signedOut(stock)) {
            return AdminSession.SIGN_IN;
        }
        PublicApi.Answer product = api.get("catalog", "/api/v1/products/{id}", null, productId);
        model.addAttribute("productId", productId);
        model.addAttribute("product", product.ok() ? product.body() : null);
        model.addAttribute("stock", stock.ok() ? stock.body() : null);
        AdminSession.showProblem(model, product);
        return "backoffice/product";
    }

    @PostMapping("/admin/products/{productId}/stock")
    String setStock(@CookieValue(name = BackOfficePages.SESSION, required = false) String token, @PathVariable String productId,
                    @RequestParam Map<String, String> form, Model model) {
        if (AdminSession.missing(token)) {
            return AdminSession.SIGN_IN;
        }
        Map<String, Object> stock = new LinkedHashMap<>();
        stock.put("warehouse_id", AdminSession.filled(form, "warehouse_id").orElse(""));
        stock.put("quantity_total", AdminSession.filled(form, "quantity_total").map(AdminSession::numberOrText).orElse(""));
        PublicApi.Answer set = api.put("inventory", "/api/v1/admin/inventory/{id}", stock, token, productId);
        return AdminSession.afterAction(set, "/admin/products/" + UriUtils.encodePathSegment(productId, StandardCharsets.UTF_8), model, () -> product(token, productId, model));
    }

    @GetMapping("/admin/coupons")
    String coupons(@CookieValue(name = BackOfficePages.SESSION, required = false) String token, Model model) {
        return AdminSession.listPage(api, token, model, "pricing", "/api/v1/admin/coupons?limit=100", "coupons", "coupons",
                "backoffice/coupons");
    }

    @PostMapping("/admin/coupons")
    String createCoupon(@CookieValue(name = BackOfficePages.SESSION, required = false) String token,
                        @RequestParam Map<String, String> form, Model model) {
        if (AdminSession.missing(token)) {
            return AdminSession.SIGN_IN;
        }
        Map<String, Object> coupon = new LinkedHashMap<>();
        AdminSession.filled(form, "code").ifPresent(code -> coupon.put("code", code));
        AdminSession.filled(form, "type").ifPresent(type -> coupon.put("type", type));
        for (String number : List.of("value", "min_subtotal", "max_redemptions", "max_redemptions_per_user")) {
            AdminSession.filled(form, number).ifPresent(value -> coupon.put(number, AdminSession.numberOrText(value)));
        }
        for (String time : List.of("starts_at", "ends_at")) {
            AdminSession.filled(form, time).ifPresent(value -> coupon.put(time, value));
        }
        return AdminSession.afterAction(api.post("pricing", "/api/v1/admin/coupons", coupon, token), "/admin/coupons", model,
                () -> coupons(token, model));
    }

    @PostMapping("/admin/coupons/{code}/retire")
    String retireCoupon(@CookieValue(name = BackOfficePages.SESSION, required = false) String token, @PathVariable String code,
                        Model model) {
        if (AdminSession.missing(token)) {
            return AdminSession.SIGN_IN;
        }
        return AdminSession.afterAction(api.patch("pricing", "/api/v1/admin/coupons/{code}", Map.of("active", false), token, code),
                "/admin/coupons", model, () -> coupons(token, model));
    }

    @GetMapping("/admin/flash-sales")
    String flashSales(@CookieValue(name = BackOfficePages.SESSION, required = false) String token,
                      @RequestParam(name = "id", required = false) String flashSaleId, Model model) {
        model.addAttribute("created", flashSaleId);
        return AdminSession.listPage(api, token, model, "order", "/api/v1/admin/flash-sales?limit=100", "flash_sales", "sales",
                "backoffice/flash-sales");
    }

    @PostMapping("/admin/flash-sales")
    String createFlashSale(@CookieValue(name = BackOfficePages.SESSION, required = false) String token,
                           @RequestParam Map<String, String> form, Model model) {
        if (AdminSession.missing(token)) {
            return AdminSession.SIGN_IN;
        }
        Map<String, Object> sale = new LinkedHashMap<>();
        for (String text : List.of("product_id", "variant_id", "starts_at", "ends_at")) {
            AdminSession.filled(form, text).ifPresent(value -> sale.put(text, value));
        }
        for (String number : List.of("quantity", "sale_price", "per_user_limit")) {
            AdminSession.filled(form, number).ifPresent(value -> sale.put(number, AdminSession.numberOrText(value)));
        }
        PublicApi.Answer created = api.post("order", "/api/v1/admin/flash-sales", sale, token);
        return AdminSession.afterAction(created, "/admin/flash-sales?id=" + created.body().path("flash_sale_id").asString(""), model,
                () -> flashSales(token, null, model));
    }
}
