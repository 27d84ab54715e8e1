package dev.checkout.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a controller method under a rate limit: one line opts an endpoint in. The limit is the setting
 * {@code checkout.rate-limits.<operation>} ({@code <count>/<period>}, e.g. {@code 10/1m}); endpoints naming the same
 * operation share one budget per key ({@code POST /checkouts}, {@code /orders/checkout} and {@code /orders} all spend
 * {@code checkout-user}). The buckets live in Redis, so every instance spends from the same one. A refused call is a
 * 429 {@code rate_limited} with {@code Retry-After}; every answer of a limited endpoint carries {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset}.
 *
 * <pre>{@code @RateLimited(operation = "checkout-user", per = RateLimited.Per.USER)}</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(RateLimited.List.class)
public @interface RateLimited {

    /** The operation's name, as in its setting {@code checkout.rate-limits.<operation>}. */
    String operation();

    /** Whose budget a call spends. */
    Per per();

    /** With {@link Per#BODY_FIELD}: the request body's component (Java name) whose value is the key, e.g. {@code email}. */
    String field() default "";

    enum Per {
        /** The client's IP address, for every caller. */
        IP,
        /** The client's IP address, for anonymous callers only (a logged-in caller is not limited by this one). */
        ANONYMOUS_IP,
        /** The authenticated user (the endpoint needs a token, which is checked before). */
        USER,
        /** A value of the request body, trimmed and in lower case (login attempts per e-mail address). */
        BODY_FIELD
    }

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface List {
        RateLimited[] value();
    }
}
