/**
 * The cart's published language: topic names and the records it publishes ({@link dev.checkout.cart.api.CartAbandoned}
 * on {@link dev.checkout.cart.api.CartTopics#EVENTS}). Plain Java, no framework.
 */
package dev.checkout.cart.api;
