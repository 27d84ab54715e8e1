package dev.checkout.platform.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Every error leaves as an RFC 9457 problem with a stable {@code code}. Bad input is a 4xx that names the field;
 * a dependency that is down is a 503 with {@code Retry-After}; anything unexpected is a 500 without internals, logged
 * with its correlation id.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemHandlers extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandlers.class);
    static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException exception) {
        ProblemDetail problem = Problems.problem(exception.status(), exception.code(), exception.getMessage());
        exception.properties().forEach(problem::setProperty);
        // Every 503 says when to come back, as the contract wants.
        Duration retryAfter = exception.retryAfter()
                .orElse(exception.status() == HttpStatus.SERVICE_UNAVAILABLE ? Duration.ofSeconds(5) : null);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(exception.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfter != null) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        }
        exception.headers().forEach((name, value) -> answer.header(name, value));
        return answer.body(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException exception) {
        List<Problems.FieldError> errors = exception.getConstraintViolations().stream()
                .map(v -> new Problems.FieldError(FieldPaths.snakeCase(FieldPaths.withoutMethodAndParameter(v.getPropertyPath().toString())), v.getMessage()))
                .toList();
        return Problems.response(Problems.validation("The request is not valid", errors));
    }

    /**
     * The database (or Redis) cannot be reached or did not answer in time, at the start of a transaction or in a
     * statement: nothing was done, and asking again shortly may work. (A chaos run's PostgreSQL restart answered an order
     * with a 500: the transaction that could not begin is a {@link CannotCreateTransactionException}, no data access
     * exception.)
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, QueryTimeoutException.class, CannotCreateTransactionException.class,
            TransientDataAccessResourceException.class, RecoverableDataAccessException.class})
    ResponseEntity<ProblemDetail> dependencyDown(RuntimeException exception) {
        log.warn("a dependency is unavailable: {}", exception.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                        "A service this request needs is unavailable; try again shortly"));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException exception) {
        return Problems.response(Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "You are not allowed to do this"));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException exception) {
        return Problems.response(Problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "This needs a valid bearer token"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        log.error("unexpected error while handling a request", exception);
        return Problems.response(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "Something went wrong on our side; the X-Correlation-Id header identifies it in our logs"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
                                                                  HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        exception.getBindingResult().getFieldErrors().forEach(error ->
                errors.add(new Problems.FieldError(FieldPaths.snakeCase(error.getField()), error.getDefaultMessage())));
        exception.getBindingResult().getGlobalErrors().forEach(error ->
                errors.add(new Problems.FieldError(error.getObjectName(), error.getDefaultMessage())));
        return asObject(Problems.validation("The request body is not valid", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException exception,
                                                                            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        for (ParameterValidationResult result : exception.getParameterValidationResults()) {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error ->
                    errors.add(new Problems.FieldError(FieldPaths.snakeCase(String.valueOf(name)), error.getDefaultMessage())));
        }
        return asObject(Problems.validation("The request is not valid", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
                                                                  HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = exception.getCause();
        if (cause instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
            // A request record refused its own values in its constructor.
            return asObject(Problems.validation("The request body is not valid",
                    List.of(new Problems.FieldError(FieldPaths.of(instantiation), instantiation.getCause().getMessage()))));
        }
        if (cause instanceof EdgeValues.RefusedValueException refused) {
            String field = FieldPaths.of(refused);
            return asObject(Problems.validation("The request body is not valid",
                    List.of(new Problems.FieldError(field.isEmpty() ? "body" : field, refused.getOriginalMessage()))));
        }
        if (cause instanceof StreamConstraintsException constraint) {
            if (String.valueOf(constraint.getOriginalMessage()).contains("Document length")) {
                return asObject(Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "The request body is too large"));
            }
            return asObject(Problems.validation("The request body is not valid",
                    List.of(new Problems.FieldError("body", "holds a value longer or deeper than any field takes"))));
        }
        if (cause instanceof MismatchedInputException mismatch) {
            String field = FieldPaths.of(mismatch);
            String message = field.isEmpty() ? "has the wrong shape" : "has the wrong type or shape";
            return asObject(Problems.validation("The request body is not valid",
                    List.of(new Problems.FieldError(field.isEmpty() ? "body" : field, message))));
        }
        if (cause instanceof StreamReadException) {
            return asObject(Problems.validation("The request body is not well-formed JSON",
                    List.of(new Problems.FieldError("body", "is not well-formed JSON"))));
        }
        if (cause instanceof JacksonException jackson) {
            return asObject(Problems.validation("The request body is not valid",
                    List.of(new Problems.FieldError(FieldPaths.of(jackson).isEmpty() ? "body" : FieldPaths.of(jackson), "is not valid"))));
        }
        return asObject(Problems.validation("The request body is missing or unreadable",
                List.of(new Problems.FieldError("body", "is missing or unreadable"))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException exception,
                                                                          HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(Problems.validation("A query parameter is missing",
                List.of(new Problems.FieldError(exception.getParameterName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException exception,
                                                        HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = exception instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : exception.getPropertyName();
        if (exception.getMostSpecificCause() instanceof BoundedDecimalParameters.OutOfBoundsException outOfBounds) {
            return asObject(Problems.validation("A parameter is out of range",
                    List.of(new Problems.FieldError(String.valueOf(name), outOfBounds.getMessage()))));
        }
        return asObject(Problems.validation("A parameter has the wrong type",
                List.of(new Problems.FieldError(String.valueOf(name), "has the wrong type"))));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(org.springframework.web.bind.ServletRequestBindingException exception,
                                                                          HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (exception instanceof MissingRequestHeaderException missing) {
            if (IDEMPOTENCY_KEY_HEADER.equalsIgnoreCase(missing.getHeaderName())) {
                return asObject(Problems.problem(HttpStatus.BAD_REQUEST, "idempotency_key_missing",
                        "This request needs an Idempotency-Key header"));
            }
            return asObject(Problems.validation("A header is missing",
                    List.of(new Problems.FieldError(missing.getHeaderName(), "is required"))));
        }
        return asObject(Problems.problem(HttpStatus.BAD_REQUEST, "validation_failed", exception.getMessage()));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException exception,
                                                                    HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(Problems.problem(HttpStatus.NOT_FOUND, "not_found", "There is nothing at this path"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException exception,
                                                                         HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.problem(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                "This path does not accept " + exception.getMethod());
        HttpHeaders allow = new HttpHeaders();
        if (exception.getSupportedHttpMethods() != null) {
            allow.setAllow(exception.getSupportedHttpMethods());
        }
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(allow)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException exception,
                                                                     HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "Send the body as application/json"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException exception,
                                                                      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(Problems.problem(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "This API answers in JSON"));
    }

    /** Whatever the base class handles that is not overridden above still gets a code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception exception, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : Problems.problem(status, Problems.codeFor(status), exception.getMessage());
        if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
            problem.setProperty("code", Problems.codeFor(status));
        }
        if (status.is5xxServerError()) {
            log.error("error while handling a request", exception);
            problem.setDetail("Something went wrong on our side");
        }
        return ResponseEntity.status(status).headers(headers)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<Object> asObject(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

}
