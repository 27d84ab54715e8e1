package dev.checkout.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

/** Which problem an exception leaves as, resolved the way Spring MVC resolves it. */
class ProblemHandlersTest {

    private final ExceptionHandlerMethodResolver resolver = new ExceptionHandlerMethodResolver(ProblemHandlers.class);
    private final ProblemHandlers handlers = new ProblemHandlers();

    @Test
    void aDatabaseThatCannotBeReachedIsA503WithRetryAfterWhereverItFails() throws Exception {
        for (RuntimeException unreachable : new RuntimeException[] {
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction", new SQLException("refused")),
                new DataAccessResourceFailureException("I/O error"),
                new TransientDataAccessResourceException("connection reset"),
                new RecoverableDataAccessException("connection lost")}) {
            ResponseEntity<?> answer = answerTo(unreachable);

            assertThat(answer.getStatusCode()).as(unreachable.getClass().getSimpleName()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(((ProblemDetail) answer.getBody()).getProperties()).containsEntry("code", "service_unavailable");
        }
    }

    @Test
    void anUnexpectedDataErrorIsStillA500() throws Exception {
        ResponseEntity<?> answer = answerTo(new DataIntegrityViolationException("duplicate key"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    private ResponseEntity<?> answerTo(RuntimeException exception) throws Exception {
        Method handler = resolver.resolveMethod(exception);
        assertThat(handler).as("a handler for %s", exception).isNotNull();
        handler.setAccessible(true);
        return (ResponseEntity<?>) handler.invoke(handlers, exception);
    }
}
