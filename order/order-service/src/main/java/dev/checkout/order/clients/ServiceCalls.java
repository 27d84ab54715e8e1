package dev.checkout.order.clients;

import java.time.Duration;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.ServiceHttp;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

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

    static ApiException unavailable(String service) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                "The " + service + " service cannot be reached; try again shortly");
    }
}
