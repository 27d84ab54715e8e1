package dev.checkout.platform.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything else reads them, requests no endpoint can take: a body declared larger than the limit
 * (413; a chunked body without a length is cut at the same size by the JSON parser's document limit), and a NUL
 * character in the path or a query parameter (400: PostgreSQL cannot compare or store one, so it would surface as a
 * 500 from whichever query first met it).
 */
class HostileRequestFilter extends OncePerRequestFilter {

    private final long maxBodyBytes;
    private final ObjectProvider<ProblemWriter> problems;

    HostileRequestFilter(long maxBodyBytes, ObjectProvider<ProblemWriter> problems) {
        this.maxBodyBytes = maxBodyBytes;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            problems.getObject().write(response, HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
                    "The request body is larger than " + maxBodyBytes + " bytes");
            return;
        }
        if (holdsNul(request)) {
            problems.getObject().write(response, HttpStatus.BAD_REQUEST, "validation_failed",
                    "The path or a query parameter contains a NUL character");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean holdsNul(HttpServletRequest request) {
        if (request.getRequestURI().contains("%00") || request.getRequestURI().indexOf('\u0000') >= 0) {
            return true;
        }
        String query = request.getQueryString();
        if (query == null) {
            return false;
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (parameter.getKey().indexOf('\u0000') >= 0) {
                return true;
            }
            for (String value : parameter.getValue()) {
                if (value.indexOf('\u0000') >= 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
