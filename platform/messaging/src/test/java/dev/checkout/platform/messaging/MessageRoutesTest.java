package dev.checkout.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.checkout.platform.contracts.MessageType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Routing received messages to handlers by their record's wire name, and dropping those a route does not concern. */
class MessageRoutesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @MessageType("TestParcelShipped")
    record ParcelShipped(String cartId, int parcels) {
    }

    @MessageType("TestParcelLost")
    record ParcelLost(String cartId) {
    }

    static InboundMessage message(String type, JsonNode payload) {
        return new InboundMessage(new Envelope("evt_1", type, null, null, Instant.EPOCH, null, null, "test", 1, payload), "topic", "key", JSON);
    }

    final List<ParcelShipped> handled = new ArrayList<>();
    final MessageRoutes routes = MessageRoutes.builder()
            .on(ParcelShipped.class, shipped -> shipped.cartId() != null, (shipped, message) -> handled.add(shipped))
            .build();

    @Test
    void aMessageOfATypeTheConsumerTakesIsHandedToItsHandler() {
        InboundMessage shipped = message("TestParcelShipped", JSON.createObjectNode().put("cartId", "cart_1").put("parcels", 2));

        assertThat(routes.concerns(shipped)).isTrue();
        routes.dispatch(shipped);

        assertThat(handled).containsExactly(new ParcelShipped("cart_1", 2));
    }

    @Test
    void aMessageItsRouteSaysItWouldDoNothingWithOrOfAnotherTypeDoesNotConcernTheConsumer() {
        assertThat(routes.concerns(message("TestParcelShipped", JSON.createObjectNode().put("parcels", 2)))).isFalse();
        assertThat(routes.concerns(message("TestParcelLost", JSON.createObjectNode().put("cartId", "cart_1")))).isFalse();
        assertThat(routes.handles("TestParcelShipped")).isTrue();
        assertThat(routes.handles("TestParcelLost")).isFalse();
    }

    @Test
    void aPayloadReadToDecideWhetherItConcernsTheConsumerIsTheOneItsHandlerGetsAndARunAgainReadsItAfresh() {
        InboundMessage shipped = message("TestParcelShipped", JSON.createObjectNode().put("cartId", "cart_1").put("parcels", 2));
        List<ParcelShipped> seen = new ArrayList<>();
        MessageRoutes watching = MessageRoutes.builder()
                .on(ParcelShipped.class, payload -> seen.add(payload), (payload, message) -> seen.add(payload))
                .build();

        watching.concerns(shipped);
        watching.dispatch(shipped);
        watching.dispatch(shipped); // handled again, as when its batch is retried record by record

        assertThat(seen).hasSize(3).containsOnly(new ParcelShipped("cart_1", 2));
        assertThat(seen.get(1)).as("read once for the decision and the handler").isSameAs(seen.get(0));
        assertThat(seen.get(2)).as("read afresh for another run").isNotSameAs(seen.get(1));
    }

    @Test
    void anUnreadablePayloadConcernsTheConsumerSoItsHandlerFailsOnItAndItIsDeadLettered() {
        assertThat(routes.concerns(message("TestParcelShipped", JSON.createObjectNode().put("parcels", "many")))).isTrue();
    }
}
