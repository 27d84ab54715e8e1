package dev.checkout.notification;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.checkout.platform.web.AccountStatuses;
import dev.checkout.platform.web.InternalApi;
import org.springframework.stereotype.Component;

/**
 * A user's e-mail address, asked of identity (which owns it) when an e-mail is about to go out. Addresses found are
 * kept for a while (an account's address does not change through the API), so a customer's confirmation, shipping and
 * delivery e-mails ask once; an unknown user is asked again every time.
 */
@Component
class Recipients {

    private final InternalApi identity;
    private final Cache<String, String> known = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)).build();

    Recipients(InternalApi identity) {
        this.identity = identity;
    }

    /**
     * The user's address; empty when identity knows no such user or no address for it.
     *
     * @throws org.springframework.web.client.RestClientException when identity cannot be asked (try again later)
     */
    Optional<String> emailOf(String userId) {
        String cached = known.getIfPresent(userId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> email = identity.get("identity", AccountStatuses.PATH, AccountStatuses.ABSENT, AccountStatuses.Answer.class, userId)
                .map(AccountStatuses.Answer::email);
        email.ifPresent(address -> known.put(userId, address));
        return email;
    }
}
