package dev.checkout.cart;

import dev.checkout.platform.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns the cart's refusals into RFC 9457 problems with their contract codes. */
@RestControllerAdvice(assignableTypes = CartController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CartProblems {

    @ExceptionHandler(CartRefusal.class)
    ResponseEntity<ProblemDetail> refused(CartRefusal refusal) {
        ProblemDetail problem = Problems.problem(HttpStatus.valueOf(refusal.status()), refusal.code(), refusal.getMessage());
        refusal.details().forEach(problem::setProperty);
        return Problems.response(problem);
    }
}
