package dev.checkout.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Carries a trace across Kafka, through the outbox: a published message takes the current span's context
 * ({@code traceparent}) into its outbox headers, which the relay sends as Kafka headers; a consumer handles each message
 * in a span continuing that context, so what it publishes carries the same trace. One order is then one trace from the
 * POST that placed it to the event that confirmed it, whichever services and threads it went through.
 */
final class MessageTracing {

    static final MessageTracing NONE = new MessageTracing(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    MessageTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Adds the current span's context to a message's headers (nothing when no span is current). */
    void inject(Map<String, String> headers) {
        Span current = tracer.currentSpan();
        if (current != null) {
            propagator.inject(current.context(), headers, Map::put);
        }
    }

    /** The work, run wherever it is run within the span current now (as is when no span is current). */
    Runnable carry(Runnable work) {
        Span current = tracer.currentSpan();
        if (current == null) {
            return work;
        }
        return () -> {
            try (Tracer.SpanInScope scope = tracer.withSpan(current)) {
                work.run();
            }
        };
    }

    /** Starts the span in which {@code consumer} handles the record, a child of the span that published it. */
    Handling handle(ConsumerRecord<String, String> record, String consumer) {
        Span span = propagator.extract(record, MessageTracing::header)
                .name(consumer + " receive").kind(Span.Kind.CONSUMER)
                .tag("messaging.destination.name", record.topic())
                .start();
        return new Handling(span, tracer.withSpan(span));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The span of one message's handling, current until closed. */
    record Handling(Span span, Tracer.SpanInScope scope) implements AutoCloseable {
        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }
}
