/**
 * The web pages: the storefront ({@code /}: products, search with suggestions, product pages, cart, checkout, orders
 * with their steps, delivery and returns, flash sales' waiting rooms) and the back office ({@code /admin}:
 * sign-in, orders with their saga steps, stuck sagas, dead letters), rendered on the server with Thymeleaf from the
 * platform's public HTTP API only (never a service's classes or tables), so they work the same when the services run in
 * other processes. The back office keeps the admin's bearer token in an HTTP-only, same-site cookie.
 */
package dev.checkout.storefront;
