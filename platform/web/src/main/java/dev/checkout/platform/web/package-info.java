/**
 * The HTTP conventions of the public API, shared by every service so that no controller has to think about them:
 * snake_case JSON that refuses wrong types instead of coercing them, RFC 9457 problems with a stable {@code code} for
 * every error (never a stack trace, never a 500 for bad input), the {@code X-Correlation-Id} header, JWT bearer
 * authentication with the roles of the API, pagination, and {@code GET /health}. It holds no business rules.
 */
package dev.checkout.platform.web;
