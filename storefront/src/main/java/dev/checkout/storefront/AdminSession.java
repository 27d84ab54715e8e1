package dev.checkout.storefront;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.ui.Model;

/**
 * What every back-office page decides the same way: no session cookie, or an API that refuses the admin's token
 * (expired, or not an admin), goes back to the sign-in form; form fields left empty are left out of the API call, so
 * the API's own defaults and validation apply.
 */
final class AdminSession {

    static final String SIGN_IN = "redirect:/admin/login";

    private AdminSession() {
    }

    static boolean missing(String token) {
        return token == null || token.isBlank();
    }

    static boolean signedOut(PublicApi.Answer answer) {
        return answer.status() == 401 || answer.status() == 403;
    }

    /** For a page whose main list is public: whether the token is an admin's, asked of identity. */
    static boolean isAdmin(PublicApi api, String token) {
        PublicApi.Answer me = api.get("identity", "/api/v1/users/me", token);
        if (!me.ok()) {
            return false;
        }
        for (tools.jackson.databind.JsonNode role : me.body().path("roles")) {
            if ("ADMIN".equals(role.asString())) {
                return true;
            }
        }
        return false;
    }

    static Optional<String> filled(Map<String, String> form, String field) {
        return Optional.ofNullable(form.get(field)).map(String::trim).filter(value -> !value.isEmpty());
    }

    /** A number for the API when the field holds one; the text as typed otherwise, so the API says what is wrong with it. */
    static Object numberOrText(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException notANumber) {
            return value;
        }
    }

    /**
     * A back-office list page: the admin API's answer at {@code path} (its {@code listField}, or the whole body when
     * that is null) in the model as {@code attribute}, with the API's problem when it refused; the sign-in form when
     * there is no admin session.
     */
    static String listPage(PublicApi api, String token, Model model, String service, String path, String listField, String attribute,
                           String view, Object... variables) {
        if (missing(token)) {
            return SIGN_IN;
        }
        PublicApi.Answer list = api.get(service, path, token, variables);
        if (signedOut(list)) {
            return SIGN_IN;
        }
        model.addAttribute(attribute, !list.ok() ? null : listField == null ? list.body() : list.body().path(listField));
        showProblem(model, list);
        return view;
    }

    /** Where an action's form goes next: to its list by a GET (a reload never repeats it), or the list with the API's reason. */
    static String afterAction(PublicApi.Answer answer, String next, Model model, Supplier<String> pageWithProblem) {
        if (signedOut(answer)) {
            return SIGN_IN;
        }
        if (!answer.ok()) {
            model.addAttribute("problem", answer.problem());
            return pageWithProblem.get();
        }
        return "redirect:" + next;
    }

    /** The page's problem line: an action's refusal already put there wins over the list's own. */
    static void showProblem(Model model, PublicApi.Answer answer) {
        if (!model.containsAttribute("problem")) {
            model.addAttribute("problem", answer.ok() ? null : answer.problem());
        }
    }
}
