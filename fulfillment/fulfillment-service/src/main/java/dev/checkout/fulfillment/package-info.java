/**
 * Fulfillment: what the warehouse must pick, pack and ship. It owns the {@code fulfillment} schema. A confirmed order
 * becomes one pick list, by choreography: fulfillment reacts to {@code OrderConfirmed}. A plain service.
 */
package dev.checkout.fulfillment;
