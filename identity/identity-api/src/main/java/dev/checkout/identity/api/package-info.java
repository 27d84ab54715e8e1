/**
 * The identity service's published language for synchronous calls: a customer's saved address
 * ({@code GET /api/v1/users/me/addresses/{id}}), as a plain record the service answers with and its callers read.
 * No framework here; on the wire the fields are snake_case, as every body of the platform.
 */
package dev.checkout.identity.api;
