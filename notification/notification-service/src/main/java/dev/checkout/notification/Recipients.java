package dev.checkout.notification;

import java.util.Optional;

import dev.checkout.platform.web.AccountStatuses;
import dev.checkout.platform.web.InternalApi;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** A user's e-mail address, asked of identity (which owns it) when an e-mail is about to go out. */
@Component
class Recipients {

    private final InternalApi identity;

    Recipients(InternalApi identity) {
        this.identity = identity;
    }

    /**
     * The user's address; empty when identity knows no such user or no address for it.
     *
     * @throws org.springframework.web.client.RestClientException when identity cannot be asked (try again later)
     */
    Optional<String> emailOf(String userId) {
        return identity.get("identity", AccountStatuses.PATH, "not_found", JsonNode.class, userId)
                .map(user -> user.path("email").asString(null));
    }
}
