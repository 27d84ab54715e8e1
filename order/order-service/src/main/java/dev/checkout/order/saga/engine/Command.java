package dev.checkout.order.saga.engine;

/** A message to a saga participant: its topic, its key and its payload record. */
public record Command(String topic, String key, Object payload) {
}
