/**
 * Identity: users, their credentials and addresses, and the access tokens every other service trusts. It owns the
 * {@code identity} schema. Passwords are stored only as adaptive hashes (bcrypt through Spring Security's delegating
 * encoder); tokens are signed JWTs carrying the user id and roles. A plain service: no aggregates, no messages.
 */
package dev.checkout.identity;
