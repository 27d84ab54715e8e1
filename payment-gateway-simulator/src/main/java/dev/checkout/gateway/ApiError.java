package dev.checkout.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An answer the gateway gives without recording anything: bad parameters, an unknown id, a refused idempotency key,
 * or the gateway being unavailable. Thrown out of a request and written by {@link ErrorHandling} in Stripe's shape
 * {@code {error: {type, code, message, param?}}}.
 */
final class ApiError extends RuntimeException {

    static final String INVALID_REQUEST = "invalid_request_error";

    private final int status;
    private final ErrorBody body;

    /** Stripe's error envelope. */
    record ErrorBody(Detail error) {
    }

    /** The fields of a Stripe error; {@code charge} names the declined charge of a card error. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Detail(String type, String code, String message, String param, String charge) {
    }

    ApiError(int status, String type, String code, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.body = new ErrorBody(new Detail(type, code, message, param, null));
    }

    static ApiError invalidRequest(String code, String param, String message) {
        return new ApiError(400, INVALID_REQUEST, code, message, param);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, INVALID_REQUEST, "resource_missing", message, null);
    }

    static ApiError gatewayUnavailable() {
        return new ApiError(503, "api_error", "gateway_unavailable",
                "The payment gateway is temporarily unavailable; nothing was charged. Try again later.", null);
    }

    static ApiError idempotencyKeyReused(String key) {
        return new ApiError(400, "idempotency_error", "idempotency_key_reused",
                "Keys for idempotent requests can only be used with the same parameters they were first used with. "
                        + "Try using a key other than '" + key + "' if you meant to execute a different request.",
                null);
    }

    int status() {
        return status;
    }

    ErrorBody body() {
        return body;
    }
}
