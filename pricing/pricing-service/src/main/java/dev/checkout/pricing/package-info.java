/**
 * Pricing: the rules that turn a list of priced lines into what the customer pays (discount, tax, shipping, total),
 * behind the quote API ({@code POST /api/v1/pricing/quotes}) and coupons, whose uses it holds for checkouts and orders
 * and settles by the order events. It owns the {@code pricing} schema (coupons and their uses). The tax and shipping
 * rules are configuration, {@code checkout.pricing.*} (a flat tax rate and shipping fee per country, free shipping
 * above a threshold), announced at start on {@code pricing-events} so the order service quotes orders without a coupon
 * from its copy. A plain service.
 */
package dev.checkout.pricing;
