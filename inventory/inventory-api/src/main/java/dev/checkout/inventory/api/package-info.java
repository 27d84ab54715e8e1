/**
 * Inventory's published language: the commands it accepts on {@link dev.checkout.inventory.api.InventoryTopics#COMMANDS},
 * the replies it sends on {@link dev.checkout.inventory.api.InventoryTopics#REPLIES} (both keyed by the reservation's
 * owner: an order id, or a checkout id before payment), and the stock-level events on
 * {@link dev.checkout.inventory.api.InventoryTopics#EVENTS} keyed by product id. Plain records, no framework.
 * Every command is idempotent per owner: sending it twice changes nothing more and brings the same reply again.
 */
package dev.checkout.inventory.api;
