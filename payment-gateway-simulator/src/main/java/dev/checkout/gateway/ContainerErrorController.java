package dev.checkout.gateway;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code /error} page the servlet container forwards to for errors raised outside a handler. Replaces Boot's
 * {@code BasicErrorController}, which would answer a browser with an HTML page.
 */
@RestController
final class ContainerErrorController implements ErrorController {

    private final ErrorHandling errors;

    ContainerErrorController(ErrorHandling errors) {
        this.errors = errors;
    }

    @RequestMapping("/error")
    ResponseEntity<byte[]> error(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status)) {
            // Someone asked for /error itself.
            return errors.apiError(ErrorHandling.unrecognizedUrl(request.getMethod(), request.getRequestURI()));
        }
        if (status == 404) {
            return errors.apiError(ErrorHandling.unrecognizedUrl(request.getMethod(),
                    String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))));
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String text = status < 500 && message instanceof String value && !value.isBlank()
                ? value : ErrorHandling.reason(status);
        return errors.apiError(ErrorHandling.ofStatus(status, text));
    }
}
