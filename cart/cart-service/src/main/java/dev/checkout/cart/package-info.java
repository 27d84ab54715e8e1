/**
 * Carts: a guest's or a user's items before checkout. It owns the {@code cart} schema, the record of every cart
 * (written through on each change), and the {@code cart:*} keys in Redis, the hot copy carts are read from and which
 * can be lost at any time without losing a cart. It keeps its own copy of product prices and availability from the
 * catalog's and inventory's events, so reading a cart never calls them; it follows orders by their events
 * (choreography) and is never told by the order service what to do, except to hand a cart over at checkout.
 */
package dev.checkout.cart;
