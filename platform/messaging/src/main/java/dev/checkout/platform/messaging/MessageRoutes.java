package dev.checkout.platform.messaging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a consumer does with each message type it takes: a handler per record type, routed by the wire name the record
 * declares. Messages of any other type are dropped before a transaction is opened (by the {@code event_type} header),
 * so a consumer of a busy topic pays nothing for the types it has no use for.
 *
 * <pre>{@code
 * MessageRoutes routes = MessageRoutes.builder()
 *         .on(ReserveStock.class, (command, message) -> ...)
 *         .on(ConfirmStock.class, (command, message) -> ...)
 *         .build();
 * }</pre>
 */
public final class MessageRoutes {

    /** Applies one message's effect, inside the transaction that also records the message as processed. */
    @FunctionalInterface
    public interface Handler<T> {
        void handle(T payload, InboundMessage message);
    }

    private record Route<T>(Class<T> type, Predicate<T> concerns, Handler<T> handler) {
        void dispatch(InboundMessage message) {
            T payload = message.payload(type); // as read by concerns(), if it was
            message.forgetPayload();
            handler.handle(payload, message);
        }

        boolean concerns(InboundMessage message) {
            T payload;
            try {
                payload = message.payload(type);
            } catch (PoisonMessageException unreadable) {
                return true; // the handler's turn to fail on it, so it is retried and dead-lettered
            }
            return concerns.test(payload);
        }
    }

    private final Map<String, Route<?>> routes;
    private final Consumer<List<InboundMessage>> beforeEachBatch;

    private MessageRoutes(Map<String, Route<?>> routes, Consumer<List<InboundMessage>> beforeEachBatch) {
        this.routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
        this.beforeEachBatch = beforeEachBatch;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether a message travelling under {@code wireType} has a handler here. */
    public boolean handles(String wireType) {
        return routes.containsKey(wireType);
    }

    /**
     * Whether the message concerns this consumer: of a type it takes, and not one its route says it would do nothing
     * with. A message that does not is dropped before any transaction, and recorded nowhere, since handling it again
     * would do nothing either.
     */
    public boolean concerns(InboundMessage message) {
        Route<?> route = routes.get(message.type());
        return route != null && route.concerns(message);
    }

    /** The wire names this consumer takes. */
    public Set<String> types() {
        return routes.keySet();
    }

    /** Runs the consumer's preparation of a batch ({@link Builder#beforeEachBatch}), if it has one. */
    public void prepare(List<InboundMessage> batch) {
        if (beforeEachBatch != null && !batch.isEmpty()) {
            beforeEachBatch.accept(batch);
        }
    }

    /** Hands the message to its type's handler; a message of a type without one is ignored. */
    public void dispatch(InboundMessage message) {
        Route<?> route = routes.get(message.type());
        if (route != null) {
            route.dispatch(message);
        }
    }

    public static final class Builder {
        private final Map<String, Route<?>> routes = new LinkedHashMap<>();
        private Consumer<List<InboundMessage>> beforeEachBatch;

        private Builder() {
        }

        /** The handler of the messages carrying a {@code type} record (which must declare its wire name). */
        public <T> Builder on(Class<T> type, Handler<T> handler) {
            return on(type, payload -> true, handler);
        }

        /**
         * The handler of the {@code type} messages that {@code concern} this consumer; the others are dropped unread
         * by any transaction (a direct order's events to the cart, another owner's replies).
         */
        public <T> Builder on(Class<T> type, Predicate<T> concern, Handler<T> handler) {
            String name = MessageTypes.of(type);
            if (routes.putIfAbsent(name, new Route<>(type, concern, handler)) != null) {
                throw new IllegalStateException("two handlers for " + name);
            }
            return this;
        }

        /**
         * Work done once per batch, in its transaction, before any handler: it gets the messages about to be handled
         * (duplicates left out), in the order they will be. A consumer whose handlers lock rows that many keys share
         * (inventory's stock rows) takes those locks here, all of them and in one order, so that two batches handled
         * at once never each hold a row the other waits for. A message handled alone, after its batch failed, is not
         * prepared: its handler alone takes its locks in that order already.
         */
        public Builder beforeEachBatch(Consumer<List<InboundMessage>> preparation) {
            this.beforeEachBatch = preparation;
            return this;
        }

        public MessageRoutes build() {
            if (routes.isEmpty()) {
                throw new IllegalStateException("a consumer must take at least one message type");
            }
            return new MessageRoutes(routes, beforeEachBatch);
        }
    }
}
