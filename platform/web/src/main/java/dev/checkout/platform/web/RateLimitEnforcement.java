package dev.checkout.platform.web;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Applies {@link RateLimited}: limits by IP or user before the handler runs (after authentication and authorization,
 * which are filters), limits by a body field as soon as the body is read (before it is validated). A refused call
 * spends nothing else and changes nothing.
 */
@ControllerAdvice
class RateLimitEnforcement extends RequestBodyAdviceAdapter implements HandlerInterceptor {

    private static final String TIGHTEST = RateLimitEnforcement.class.getName() + ".tightest";

    private final RateLimits limits;

    RateLimitEnforcement(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            for (RateLimited limit : limitsOf(method.getMethod())) {
                String key = switch (limit.per()) {
                    case IP -> request.getRemoteAddr();
                    case ANONYMOUS_IP -> Caller.current().isAuthenticated() ? null : request.getRemoteAddr();
                    case USER -> Caller.current().userId();
                    case BODY_FIELD -> null; // once the body is read
                };
                if (key != null) {
                    spend(request, response, limit.operation(), key);
                }
            }
        }
        return true;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return limitsOf(parameter.getMethod()).stream().anyMatch(limit -> limit.per() == RateLimited.Per.BODY_FIELD);
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return body;
        }
        for (RateLimited limit : limitsOf(parameter.getMethod())) {
            if (limit.per() == RateLimited.Per.BODY_FIELD) {
                String value = fieldOf(body, limit.field());
                // A body without the field is refused by validation; it spends from a bucket of its own meanwhile.
                spend(attributes.getRequest(), attributes.getResponse(), limit.operation(),
                        value == null ? "" : value.trim().toLowerCase(Locale.ROOT));
            }
        }
        return body;
    }

    private void spend(HttpServletRequest request, HttpServletResponse response, String operation, String key) {
        RateLimits.Outcome outcome = limits.spend(operation, key);
        RateLimits.Outcome tightest = (RateLimits.Outcome) request.getAttribute(TIGHTEST);
        if (tightest == null || !outcome.allowed()
                || tightest.allowed() && outcome.remaining() * tightest.limit().count() < tightest.remaining() * outcome.limit().count()) {
            tightest = outcome;
            request.setAttribute(TIGHTEST, tightest);
        }
        if (response != null) {
            RateLimits.writeHeaders(response, tightest);
        }
        if (!outcome.allowed()) {
            long retryAfter = Math.max(1, outcome.retryAfterSeconds());
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
                    "Too many requests for " + operation + "; try again in " + retryAfter + " s")
                    .withHeader("Retry-After", Long.toString(retryAfter))
                    .withHeader("RateLimit-Limit", Long.toString(outcome.limit().count()))
                    .withHeader("RateLimit-Remaining", "0")
                    .withHeader("RateLimit-Reset", Long.toString(outcome.resetSeconds()))
                    .with("retry_after", retryAfter);
        }
    }

    static List<RateLimited> limitsOf(Method method) {
        if (method == null) {
            return List.of();
        }
        List<RateLimited> found = new ArrayList<>(AnnotatedElementUtils.findMergedRepeatableAnnotations(method, RateLimited.class));
        found.sort(Comparator.comparing(limit -> limit.per() == RateLimited.Per.BODY_FIELD));
        return found;
    }

    private static String fieldOf(Object body, String field) {
        if (body == null || !body.getClass().isRecord()) {
            return null;
        }
        for (RecordComponent component : body.getClass().getRecordComponents()) {
            if (component.getName().equals(field)) {
                try {
                    component.getAccessor().setAccessible(true);
                    return String.valueOf(component.getAccessor().invoke(body));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + field + " of " + body.getClass().getName(), e);
                }
            }
        }
        throw new IllegalStateException("@RateLimited names the field " + field + " that " + body.getClass().getName() + " does not have");
    }
}
