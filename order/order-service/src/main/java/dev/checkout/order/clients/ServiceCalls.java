package dev.checkout.order.clients;

import java.time.Duration;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.ServiceHttp;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP client the order service uses for other services' APIs: short timeouts, one place to configure. */
@Component
class ServiceCalls {

    private final RestClient http;

    ServiceCalls(RestClient.Builder builder) {
        this.http = builder.requestFactory(ServiceHttp.requests(Duration.ofSeconds(2), Duration.ofSeconds(5))).build();
    }

    RestClient http() {
        return http;
    }

    /** The problem another service refused with, as the record its contract names; {@code otherwise} when it is not one. */
    static <T> T problem(JsonMapper json, HttpClientErrorException refusal, Class<T> type, T otherwise) {
        try {
            T problem = json.readValue(refusal.getResponseBodyAsString(), type);
            return problem == null ? otherwise : problem;
        } catch (RuntimeException notAProblem) {
            return otherwise;
        }
    }

    static ApiException unavailable(String service) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                "The " + service + " service cannot be reached; try again shortly");
    }
}
