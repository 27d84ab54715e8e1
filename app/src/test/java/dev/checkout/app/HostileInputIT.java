package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.HostileInputCampaign;
import dev.checkout.platform.testing.PlatformState;
import dev.checkout.platform.testing.SharedServers;
import dev.checkout.platform.web.TokenIssuer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A seeded hostile-input campaign over every endpoint the application maps (the full run of 10,000 and more is
 * {@code ./checkout chaos fuzz}): no 5xx, no stack trace, a code on every problem, nothing changed by a refused request.
 */
class HostileInputIT extends EndToEndTest {

    static final int REQUESTS = Integer.getInteger("checkout.fuzz.requests", 1500);
    static final long SEED = Long.getLong("checkout.fuzz.seed", 11);

    @Autowired
    TokenIssuer identity;

    @Test
    void hostileRequestsGetFourHundredsWithCodesAndChangeNothing() {
        ApiClient admin = fixtures.admin();
        ApiClient customer = fixtures.newCustomer();
        String productId = fixtures.productWithStock("4.00", 20);
        String cartId = Fixtures.cartWith(customer, productId, 1);
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("customer", bearer(customer));
        tokens.put("admin", bearer(admin));
        tokens.put("service", identity.serviceToken("fuzz").value());
        // The cart idles past checkout.cart.reminder-after (seconds in these tests): its reminder (an e-mail and an
        // abandoned cart in analytics) is the platform's own work, and must be done before the campaign counts rows.
        String customerId = customer.get("/api/v1/users/me").text("/user_id");
        Awaitility.await("the campaign's cart reminded").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.get("/api/v1/admin/notifications?user_id=" + customerId).body(), sent -> sent.contains("cart_reminder"));
        PlatformState state = new PlatformState(SharedServers.addresses(),
                () -> SIMULATOR.ledger().charges().size() + SIMULATOR.ledger().refunds().size());
        Awaitility.await("earlier tests' work settled").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .until(state::isQuiet);

        HostileInputCampaign campaign = new HostileInputCampaign(api, tokens, Map.of("productId", productId, "cartId", cartId),
                state::counts, SEED);
        List<HostileInputCampaign.Endpoint> endpoints = HostileInputCampaign.endpoints(admin);
        HostileInputCampaign.Result result = campaign.run(endpoints, REQUESTS);

        System.out.println("hostile-input campaign (seed " + SEED + ", " + endpoints.size() + " endpoints): " + result.summary());
        assertThat(endpoints).hasSizeGreaterThan(30);
        assertThat(result.failures()).isEmpty();
        assertThat(result.clean()).as(result.summary()).isTrue();
    }

    private static String bearer(ApiClient client) {
        return client.headers().get("Authorization").substring("Bearer ".length());
    }
}
