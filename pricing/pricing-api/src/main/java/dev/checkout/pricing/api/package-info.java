/**
 * The pricing service's published language: the quote contract ({@code POST /api/v1/pricing/quotes} and its internal
 * twin that holds a coupon's use), as plain records the service answers with and its callers read. No framework here;
 * on the wire the fields are snake_case, as every body of the platform.
 */
package dev.checkout.pricing.api;
