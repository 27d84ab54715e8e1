package dev.checkout.platform.messaging;

import java.util.Objects;

/**
 * A message a service wants to publish: its topic, its key (the ordering unit: an order id in a saga, a product id
 * for stock levels) and its payload, optionally placed in a saga and caused by a message being handled.
 */
public record OutgoingMessage(String topic, String key, Object payload, String sagaId, String orderId, Envelope cause) {

    public OutgoingMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
    }

    public static OutgoingMessage of(String topic, String key, Object payload) {
        return new OutgoingMessage(topic, key, payload, null, null, null);
    }

    public OutgoingMessage inSaga(String sagaId, String orderId) {
        return new OutgoingMessage(topic, key, payload, sagaId, orderId, cause);
    }

    /** Carries over the cause's correlation id and saga, and records it as the causation. */
    public OutgoingMessage causedBy(InboundMessage message) {
        Envelope envelope = message.envelope();
        return new OutgoingMessage(topic, key, payload,
                sagaId != null ? sagaId : envelope.sagaId(),
                orderId != null ? orderId : envelope.orderId(),
                envelope);
    }

    /** The wire name the payload's record declares with {@code @MessageType}. */
    public String eventType() {
        return MessageTypes.of(payload.getClass());
    }
}
