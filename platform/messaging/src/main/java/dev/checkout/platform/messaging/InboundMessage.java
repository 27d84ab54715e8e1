package dev.checkout.platform.messaging;

import tools.jackson.databind.json.JsonMapper;

/** A received envelope, with its payload readable as any record that matches it (tolerantly: unknown fields are ignored). */
public final class InboundMessage {

    private final Envelope envelope;
    private final String topic;
    private final String key;
    private final JsonMapper json;

    InboundMessage(Envelope envelope, String topic, String key, JsonMapper json) {
        this.envelope = envelope;
        this.topic = topic;
        this.key = key;
        this.json = json;
    }

    public Envelope envelope() {
        return envelope;
    }

    /** The wire name the message travelled under; for logs. Route by type with {@link MessageRoutes}, never by this string. */
    public String type() {
        return envelope.eventType();
    }

    /** Whether the message carries a {@code payloadType}, by the wire name that record declares. */
    public boolean is(Class<?> payloadType) {
        return MessageTypes.of(payloadType).equals(envelope.eventType());
    }

    public <T> T payload(Class<T> type) {
        try {
            return json.treeToValue(envelope.payload(), type);
        } catch (RuntimeException e) {
            throw new PoisonMessageException("payload of " + envelope.eventId() + " is not a valid " + type.getSimpleName(), e);
        }
    }

    public String topic() {
        return topic;
    }

    public String key() {
        return key;
    }

    public String eventId() {
        return envelope.eventId();
    }

    public String sagaId() {
        return envelope.sagaId();
    }

    public String orderId() {
        return envelope.orderId();
    }

    @Override
    public String toString() {
        return envelope.eventType() + " " + envelope.eventId() + " on " + topic + " (key " + key + ")";
    }
}
