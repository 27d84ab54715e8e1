package dev.checkout.storefront;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

import dev.checkout.platform.web.ServiceHttp;
import dev.checkout.platform.web.ServiceUrls;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's public API as the pages call it: over HTTP, at the URL of the service that answers each path, with
 * the visitor's token when there is one. An answer is the status and the JSON body, problems included.
 */
@Component
class PublicApi {

    private final RestClient http;
    /** Only for PATCH, which {@code HttpURLConnection} cannot send; the back office's rare changes can afford the JDK client. */
    private final RestClient patchHttp;
    private final ServiceUrls urls;
    private final JsonMapper json;

    PublicApi(RestClient.Builder builder, ServiceUrls urls, JsonMapper json) {
        this.http = builder.clone().requestFactory(ServiceHttp.requests(Duration.ofSeconds(2), Duration.ofSeconds(10))).build();
        JdkClientHttpRequestFactory jdkRequests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        jdkRequests.setReadTimeout(Duration.ofSeconds(10));
        this.patchHttp = builder.clone().requestFactory(jdkRequests).build();
        this.urls = urls;
        this.json = json;
    }

    /** What the API answered: its status and body (a problem's body on an error; an empty object when unreachable). */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String problem() {
            return body.path("detail").asString("The platform did not answer (" + status + ")");
        }
    }

    Answer get(String service, String path, String token, Object... variables) {
        return call(service, "GET", path, null, token, variables);
    }

    Answer post(String service, String path, Object body, String token, Object... variables) {
        return call(service, "POST", path, body, token, variables);
    }

    Answer put(String service, String path, Object body, String token, Object... variables) {
        return call(service, "PUT", path, body, token, variables);
    }

    Answer patch(String service, String path, Object body, String token, Object... variables) {
        return call(service, "PATCH", path, body, token, variables);
    }

    /** A POST with an Idempotency-Key, for the calls that take one (paying). */
    Answer postWithKey(String service, String path, Object body, String token, String idempotencyKey, Object... variables) {
        return send(service, "POST", path, body, token, idempotencyKey, variables);
    }

    private Answer call(String service, String method, String path, Object body, String token, Object... variables) {
        return send(service, method, path, body, token, null, variables);
    }

    /** The address of the visitor whose page this is: the API's per-IP limits count visitors, not this process. */
    private static Optional<String> visitorAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? Optional.ofNullable(attributes.getRequest().getRemoteAddr()) : Optional.empty();
    }

    private Answer send(String service, String method, String path, Object body, String token, String idempotencyKey,
                        Object[] variables) {
        try {
            RestClient.RequestBodySpec request = ("PATCH".equals(method) ? patchHttp : http).method(org.springframework.http.HttpMethod.valueOf(method))
                    .uri(urls.of(service) + path, variables);
            Optional.ofNullable(token).ifPresent(t -> request.header("Authorization", "Bearer " + t));
            Optional.ofNullable(idempotencyKey).ifPresent(key -> request.header("Idempotency-Key", key));
            visitorAddress().ifPresent(address -> request.header("X-Forwarded-For", address));
            if (body != null) {
                request.body(body);
            }
            return request.exchange((req, response) -> {
                HttpStatusCode status = response.getStatusCode();
                byte[] content = response.getBody().readAllBytes();
                JsonNode parsed;
                try {
                    parsed = content.length == 0 ? json.createObjectNode() : json.readTree(content);
                } catch (RuntimeException notJson) {
                    parsed = json.createObjectNode();
                }
                return new Answer(status.value(), parsed);
            });
        } catch (RestClientException | IllegalArgumentException e) {
            return new Answer(503, json.createObjectNode().put("detail", "The " + service + " service cannot be reached; try again shortly"));
        }
    }
}
