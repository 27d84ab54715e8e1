package dev.checkout.platform.messaging;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * What travels on every topic: the message's identity and lineage around a payload record from some {@code *-api}
 * module. {@code causation_id} is the event id of the message that caused this one; {@code correlation_id} is shared
 * by everything one client request set off.
 */
public record Envelope(
        String eventId,
        String eventType,
        String sagaId,
        String orderId,
        Instant occurredAt,
        String correlationId,
        String causationId,
        String source,
        int schemaVersion,
        JsonNode payload) {
}
