package dev.checkout.platform.messaging;

import tools.jackson.databind.json.JsonMapper;

/** A received envelope, with its payload readable as any record that matches it (tolerantly: unknown fields are ignored). */
public final class InboundMessage {

    private final Envelope envelope;
    private final String topic;
    private final String key;
    private final JsonMapper json;
    /** The payload as last read, and the type it was read as (a message is handled by one thread at a time). */
    private Class<?> readType;
    private Object read;

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

    /**
     * The payload as a {@code type} record. A route reads it to decide whether the message concerns its consumer, and its
     * handler gets that same one ({@link MessageRoutes}); read again after that, it is read afresh, so a handler run
     * again (a batch retried record by record) never sees what an earlier run may have done to its lists.
     */
    public <T> T payload(Class<T> type) {
        if (type == readType) {
            return type.cast(read);
        }
        T payload;
        try {
            payload = json.treeToValue(envelope.payload(), type);
        } catch (RuntimeException e) {
            throw new PoisonMessageException("payload of " + envelope.eventId() + " is not a valid " + type.getSimpleName(), e);
        }
        readType = type;
        read = payload;
        return payload;
    }

    /** Lets the payload read last go: the next {@link #payload} reads it afresh. */
    void forgetPayload() {
        readType = null;
        read = null;
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
