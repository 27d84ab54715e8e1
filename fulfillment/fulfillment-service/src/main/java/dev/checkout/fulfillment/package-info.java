/**
 * Fulfillment: what the warehouse must pick, pack and ship. It owns the {@code fulfillment} schema. For now a confirmed
 * order becomes one pick list (the checkout saga asks for it after the order is confirmed); shipments come later.
 * A plain service.
 */
package dev.checkout.fulfillment;
