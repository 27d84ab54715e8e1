package dev.checkout.order.saga;

import dev.checkout.order.OrderServiceConfiguration.OrderMessaging;
import dev.checkout.platform.messaging.OutgoingMessage;
import org.springframework.stereotype.Component;
import dev.checkout.order.saga.engine.Command;
import dev.checkout.order.saga.engine.CommandBus;

/** Saga commands go through the order service's outbox, in the transaction that moves the saga. */
@Component
class OutboxCommandBus implements CommandBus {

    private final OrderMessaging messaging;

    OutboxCommandBus(OrderMessaging messaging) {
        this.messaging = messaging;
    }

    @Override
    public void send(String sagaId, String orderId, Command command) {
        messaging.publish(OutgoingMessage.of(command.topic(), command.key(), command.payload()).inSaga(sagaId, orderId));
    }
}
