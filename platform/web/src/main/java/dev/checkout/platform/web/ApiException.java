package dev.checkout.platform.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;

/**
 * A refusal the client should understand: an HTTP status, a stable machine-readable {@code code} from the API
 * contract, a human-readable detail, and any extra members the contract names ({@code failed_items}, {@code order_id}).
 * Use cases throw it (or a subclass); {@link ProblemHandlers} turns it into an RFC 9457 problem.
 * <p>
 * It carries no stack trace: it is an answer, not a fault, and its code says where it came from. Filling one in walked
 * the hundred-odd frames of Spring's request handling for every refusal, paid most where refusals come by the hundred a
 * second (503 {@code overloaded} under a flash sale's load).
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration retryAfter;

    public ApiException(HttpStatus status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", what + " " + id + " does not exist");
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, detail);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, detail);
    }

    public static ApiException unprocessable(String code, String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, code, detail);
    }

    /** A refusal that is over soon: 503 because a dependency is down, or the platform is overloaded. */
    public static ApiException unavailable(String code, String detail, Duration retryAfter) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, code, detail).retryAfter(retryAfter);
    }

    /** When the client may try again, sent as {@code Retry-After} (whole seconds, at least one). */
    public ApiException retryAfter(Duration wait) {
        this.retryAfter = wait;
        return this;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Adds a member to the problem body; {@code name} is written as given, so use snake_case. */
    public ApiException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** Adds a header to the answer ({@code Retry-After}). */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
