package dev.checkout.platform.web;

import java.io.IOException;

import dev.checkout.platform.core.CorrelationId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Accepts the client's {@code X-Correlation-Id} (a plain token up to 128 characters) or makes one, puts it in the
 * logging context for the whole request and echoes it on every response, errors included.
 */
class CorrelationIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String supplied = request.getHeader(CorrelationId.HEADER);
        String id = CorrelationId.isAcceptable(supplied) ? supplied : CorrelationId.generate();
        response.setHeader(CorrelationId.HEADER, id);
        try (var scope = CorrelationId.open(id)) {
            chain.doFilter(request, response);
        }
    }
}
