package dev.checkout.platform.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The SERVICE token this process shows other services' internal APIs. Identity signs it: in this process directly
 * when identity runs here, otherwise identity hands it out at {@code POST /api/v1/internal/service-tokens} to whoever
 * shows the service credential ({@code checkout.security.service-credential}). The credential can only ever get
 * SERVICE tokens, which every user and admin endpoint refuses. A token is kept until a minute before it expires.
 */
class ServiceTokens {

    static final String PATH = "/api/v1/internal/service-tokens";

    private final ObjectProvider<TokenIssuer> localIssuer;
    private final RestClient http;
    private final ServiceUrls urls;
    private final SecurityProperties properties;
    private final String caller;
    private final Clock clock;
    private volatile String token;
    private volatile Instant renewAt = Instant.MIN;

    ServiceTokens(ObjectProvider<TokenIssuer> localIssuer, RestClient.Builder builder, ServiceUrls urls, SecurityProperties properties,
                  String caller, Clock clock) {
        this.localIssuer = localIssuer;
        this.http = builder.requestFactory(ServiceHttp.requests(Duration.ofSeconds(2), Duration.ofSeconds(5))).build();
        this.urls = urls;
        this.properties = properties;
        this.caller = caller;
        this.clock = clock;
    }

    String token() {
        if (token == null || clock.instant().isAfter(renewAt)) {
            synchronized (this) {
                if (token == null || clock.instant().isAfter(renewAt)) {
                    TokenIssuer.IssuedToken issued = issue();
                    token = issued.value();
                    renewAt = clock.instant().plusSeconds(Math.max(0, issued.expiresInSeconds() - 60));
                }
            }
        }
        return token;
    }

    private TokenIssuer.IssuedToken issue() {
        TokenIssuer local = localIssuer.getIfAvailable();
        if (local != null) {
            return local.serviceToken(caller);
        }
        if (properties.serviceCredential() == null || properties.serviceCredential().isBlank()) {
            throw new IllegalStateException("identity runs in another process and checkout.security.service-credential is not set: "
                    + "this process cannot call other services' internal APIs");
        }
        JsonNode answer = http.post().uri(urls.of("identity") + PATH)
                .body(Map.of("service", caller, "credential", properties.serviceCredential()))
                .retrieve().body(JsonNode.class);
        return new TokenIssuer.IssuedToken(answer.path("access_token").asString(), answer.path("expires_in").asLong());
    }
}
