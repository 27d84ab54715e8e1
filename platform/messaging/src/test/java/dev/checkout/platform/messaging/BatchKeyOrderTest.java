package dev.checkout.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class BatchKeyOrderTest {

    record Message(String key, int sequence) {
    }

    @Test
    void aBatchIsHandledKeyByKeyWithEachKeysMessagesInTheirOrder() {
        List<Message> polled = List.of(new Message("product-b", 1), new Message("product-a", 1), new Message(null, 1),
                new Message("product-b", 2), new Message("product-a", 2), new Message(null, 2));

        assertThat(ServiceMessaging.inKeyOrder(polled, Message::key)).containsExactly(new Message(null, 1), new Message(null, 2),
                new Message("product-a", 1), new Message("product-a", 2), new Message("product-b", 1), new Message("product-b", 2));
    }

    @Test
    void twoBatchesOfTheSameKeysInOppositeOrdersAreHandledInOneOrder() {
        List<Message> fromCatalog = List.of(new Message("product-a", 1), new Message("product-c", 1));
        List<Message> fromInventory = List.of(new Message("product-c", 7), new Message("product-a", 7));

        assertThat(ServiceMessaging.inKeyOrder(fromCatalog, Message::key).stream().map(Message::key))
                .containsExactlyElementsOf(ServiceMessaging.inKeyOrder(fromInventory, Message::key).stream().map(Message::key).toList());
    }
}
