package dev.checkout.platform.messaging;

import java.util.Map;

/** An outbox row as the relay sends it: read back from the table, or handed over by the writer that committed it. */
record OutboxRow(long id, String eventId, String topic, String key, String envelope, Map<String, String> headers) {
}
