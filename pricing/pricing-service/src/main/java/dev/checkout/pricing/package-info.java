/**
 * Pricing: the rules that turn a list of priced lines into what the customer pays (discount, tax, shipping, total),
 * behind the quote API the checkout calls ({@code POST /api/v1/pricing/quotes}). It owns the {@code pricing} schema
 * (empty for now: the rules are configuration, {@code checkout.pricing.*}: a flat tax rate and shipping fee per country,
 * free shipping above a threshold). Coupons come later; a coupon code is reported as not applicable, never silently
 * accepted. A plain service.
 */
package dev.checkout.pricing;
