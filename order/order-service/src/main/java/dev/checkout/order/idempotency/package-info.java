/**
 * Stripe's Idempotency-Key semantics for the requests that create orders
 * ({@link dev.checkout.order.idempotency.IdempotentRequests}) and the housekeeping of keys: expired ones forgotten,
 * abandoned claims let go with the cart they held.
 */
package dev.checkout.order.idempotency;
