/** Fulfillment's published language: commands on {@code fulfillment-commands} and replies on {@code fulfillment-replies}, keyed by order id. */
package dev.checkout.fulfillment.api;
