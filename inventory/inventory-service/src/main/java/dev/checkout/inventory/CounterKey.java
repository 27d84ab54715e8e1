package dev.checkout.inventory;

import java.util.Objects;

import dev.checkout.inventory.api.StockLine;

/**
 * What the Redis gate counts: the units available of a product (and variant), summed over warehouses, and the Redis
 * keys that hold them. Every key of the gate starts with the hash tag {@code {inventory}}, so on a Redis Cluster they
 * all live in one slot, on one primary: the reservation script reads and writes several of them atomically, which a
 * script cannot do across slots.
 */
record CounterKey(String productId, String variantId) {

    static final String TAG = "{inventory}";
    /** Owners whose hold is in flight (Redis step done, PostgreSQL step not yet committed), scored by the hold's time. */
    static final String OWNERS_IN_FLIGHT = TAG + ":in-flight";
    private static final char SEPARATOR = '|';

    CounterKey {
        Objects.requireNonNull(productId, "productId");
    }

    static CounterKey of(StockLine line) {
        return new CounterKey(line.productId(), line.variantId());
    }

    static CounterKey of(Reservation.Line line) {
        return new CounterKey(line.productId(), line.variantId());
    }

    /** The inverse of {@link #id()}. */
    static CounterKey parse(String id) {
        int separator = id.indexOf(SEPARATOR);
        return separator < 0 ? new CounterKey(id, null) : new CounterKey(id.substring(0, separator), id.substring(separator + 1));
    }

    /** The units available: PostgreSQL's {@code sum(quantity_available)}, less the holds in flight. */
    String availableKey() {
        return TAG + ":available:" + id();
    }

    /** The holds in flight on this counter: owner → units. */
    String inFlightKey() {
        return TAG + ":in-flight:" + id();
    }

    /** The owner's hold (counter id → units) while it is in flight, then a marker that the owner went through the gate. */
    static String ownerKey(String ownerId) {
        return TAG + ":owner:" + ownerId;
    }

    /** Product and variant in one string ({@code prod_1|var_2}); ids never contain the separator. */
    String id() {
        return variantId == null ? productId : productId + SEPARATOR + variantId;
    }

    @Override
    public String toString() {
        return id();
    }
}
