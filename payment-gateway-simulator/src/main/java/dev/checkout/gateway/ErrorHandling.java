package dev.checkout.gateway;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error a handler raises leaves as Stripe's JSON error object, never an HTML page or a stack trace;
 * {@link ContainerErrorController} does the same for what the servlet container reports on its own.
 */
@RestControllerAdvice
final class ErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    private final JsonBodies bodies;

    ErrorHandling(JsonBodies bodies) {
        this.bodies = bodies;
    }

    @ExceptionHandler(ApiError.class)
    ResponseEntity<byte[]> apiError(ApiError error) {
        return bodies.entity(error.status(), error.body());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception exception, HttpServletRequest request) {
        if (exception instanceof NoHandlerFoundException || exception instanceof NoResourceFoundException) {
            return apiError(unrecognizedUrl(request.getMethod(), request.getRequestURI()));
        }
        if (exception instanceof ErrorResponse response) {
            int status = response.getStatusCode().value();
            String detail = response.getBody().getDetail();
            return apiError(ofStatus(status, detail == null ? reason(status) : detail));
        }
        log.error("Unexpected failure answering {} {}", request.getMethod(), request.getRequestURI(), exception);
        return apiError(ofStatus(500, "An unexpected error occurred in the payment gateway simulator."));
    }

    static ApiError unrecognizedUrl(String method, String path) {
        return new ApiError(404, ApiError.INVALID_REQUEST, "unrecognized_request_url",
                "Unrecognized request URL (" + method + ": " + path + ").", null);
    }

    /** Stripe's error type for a bare status: the caller's fault below 500, the gateway's from 500 on. */
    static ApiError ofStatus(int status, String message) {
        if (status >= 500) {
            return new ApiError(status, "api_error", "internal_error", message, null);
        }
        String code = switch (status) {
            case 404 -> "resource_missing";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "request_too_large";
            case 415 -> "unsupported_media_type";
            default -> "invalid_request";
        };
        return new ApiError(status, ApiError.INVALID_REQUEST, code, message, null);
    }

    static String reason(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }
}
