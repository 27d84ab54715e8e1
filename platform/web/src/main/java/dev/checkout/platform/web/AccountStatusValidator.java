package dev.checkout.platform.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A user token is good only while its account is active: a suspension takes effect on every service within
 * {@code checkout.security.account-check} (30 s by default), not when the token expires an hour later. Answers are
 * kept that long per user, so this costs one question per user and interval, not one per request. When identity
 * cannot be asked, the last answer stands (or, for a user never seen, the token's own word): an identity outage
 * must not log everyone out. A small map of our own rather than a cache library: it holds one boolean per active
 * user and is swept as it grows.
 */
class AccountStatusValidator implements OAuth2TokenValidator<Jwt> {

    private static final Logger log = LoggerFactory.getLogger(AccountStatusValidator.class);
    private static final OAuth2Error INACTIVE = new OAuth2Error("invalid_token", "The account of this token is not active", null);

    private final Supplier<AccountStatuses> statuses;
    private final Duration trustFor;
    private final Clock clock;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private record Answer(boolean active, Instant at) {
    }

    AccountStatusValidator(Supplier<AccountStatuses> statuses, Duration trustFor, Clock clock) {
        this.statuses = statuses;
        this.trustFor = trustFor;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        if ("service".equals(token.getClaimAsString(TokenIssuer.TOKEN_USE))) {
            return OAuth2TokenValidatorResult.success();
        }
        return isActive(token.getSubject()) ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(INACTIVE);
    }

    private boolean isActive(String userId) {
        Instant now = clock.instant();
        Answer known = answers.get(userId);
        if (known != null && known.at().plus(trustFor).isAfter(now)) {
            return known.active();
        }
        try {
            boolean active = statuses.get().isActive(userId);
            if (answers.size() > 100_000) {
                answers.values().removeIf(answer -> answer.at().plus(trustFor).isBefore(now));
            }
            answers.put(userId, new Answer(active, now));
            return active;
        } catch (RuntimeException e) {
            log.warn("cannot ask identity whether {} is active; using the last answer: {}", userId, e.toString());
            return known == null || known.active();
        }
    }
}
