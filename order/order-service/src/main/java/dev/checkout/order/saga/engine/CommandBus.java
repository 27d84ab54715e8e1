package dev.checkout.order.saga.engine;

/** Sends a saga's commands; must write in the caller's transaction (an outbox), so state and command commit together. */
public interface CommandBus {

    void send(String sagaId, String orderId, Command command);
}
