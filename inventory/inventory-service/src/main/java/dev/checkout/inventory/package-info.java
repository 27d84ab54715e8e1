/**
 * Inventory: stock per product, variant and warehouse, and the reservations that hold it for a checkout or an order.
 * It owns the {@code inventory} schema and the Redis keys under the {@code {inventory}} hash tag.
 * <p>
 * PostgreSQL holds the reservation of record: stock is reserved by a conditional update
 * ({@code reserved += q where total - reserved >= q}) guarded by check constraints, so whatever else happens it never
 * reserves what is not there. In front of it, the {@link dev.checkout.inventory.StockGate Redis gate} checks and
 * decrements every line of a reservation in one Lua script, so a sold-out product is refused without a database
 * transaction. Redis may be wrong (flushed, restarted, tampered with); it is only ever allowed to be wrong on the safe
 * side for long, and {@link dev.checkout.inventory.GateReconciliation} repairs it. Without Redis, reservations go to
 * PostgreSQL alone.
 * <p>
 * A {@link dev.checkout.inventory.Reservation} moves PENDING → CONFIRMED (the units are sold), RELEASED or EXPIRED;
 * every command about it is idempotent per owner, in both stores. Stock levels are announced on
 * {@code inventory-events} keyed by product id (the latest level per product, by the
 * {@link dev.checkout.inventory.StockAnnouncer}); low-stock events as the threshold is crossed.
 * <p>
 * It must never reach into another service's tables or classes: the catalog is asked over HTTP, everything else
 * arrives as {@code inventory-api} commands on Kafka.
 */
package dev.checkout.inventory;
