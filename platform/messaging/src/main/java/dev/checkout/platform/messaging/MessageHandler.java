package dev.checkout.platform.messaging;

/** Applies one message's effect; runs inside the transaction that also records the message as processed. */
@FunctionalInterface
public interface MessageHandler {

    void handle(InboundMessage message);
}
