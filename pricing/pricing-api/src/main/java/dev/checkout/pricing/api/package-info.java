/**
 * The pricing service's published language: the quote contract ({@code POST /api/v1/pricing/quotes} and its internal
 * twin that holds a coupon's use), as plain records the service answers with and its callers read, and the announcement
 * of its rules on {@code pricing-events} ({@link dev.checkout.pricing.api.PricingRulesChanged}), whose own arithmetic
 * quotes lines without a coupon as pricing would. No framework here;
 * on the wire the fields are snake_case, as every body of the platform.
 */
package dev.checkout.pricing.api;
