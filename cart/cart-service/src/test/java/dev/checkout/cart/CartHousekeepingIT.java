package dev.checkout.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import dev.checkout.cart.api.CartTopics;
import dev.checkout.platform.testing.SharedServers;
import dev.checkout.platform.testing.TopicDump;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Idle guest carts expire; an abandoned user cart gets one reminder event, never two. */
class CartHousekeepingIT extends CartIntegrationTest {

    @Autowired
    CartHousekeeping housekeeping;

    @Test
    void aGuestCartIdleForMoreThanThirtyDaysExpires() {
        Shopper guest = guest();
        String idle = guest.cart();
        guest.added(idle, upstream.productInStock("1.00", 5), 1);
        String recent = guest.cart();
        lastChanged(idle, Instant.now().minus(Duration.ofDays(31)));
        lastChanged(recent, Instant.now().minus(Duration.ofDays(29)));

        housekeeping.expireIdleGuestCarts();

        assertThat(guest.view(idle).text("/status")).isEqualTo("EXPIRED");
        assertThat(guest.view(idle).json().path("items")).hasSize(1);
        assertThat(guest.add(idle, upstream.productInStock("1.00", 5), 1).code()).isEqualTo("cart_not_active");
        assertThat(guest.view(recent).text("/status")).isEqualTo("ACTIVE");
    }

    @Test
    void anAbandonedUserCartGetsOneReminderAndOnlyOne() {
        Shopper user = newUser();
        String cart = user.cart();
        String widget = upstream.productInStock("4.00", 5);
        user.added(cart, widget, 2);
        Shopper busy = newUser();
        String busyCart = busy.cart();
        busy.added(busyCart, widget, 1);
        lastChanged(cart, Instant.now().minus(Duration.ofHours(2)));

        housekeeping.remindAbandonedCarts();
        housekeeping.remindAbandonedCarts();

        assertThat(outboxRowsAbout(cart)).isEqualTo(1);
        assertThat(outboxRowsAbout(busyCart)).isZero();
        var published = Awaitility.await("reminder on " + CartTopics.EVENTS).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> TopicDump.read(SharedServers.addresses().kafkaBootstrapServers(), CartTopics.EVENTS).stream()
                        .filter(m -> m.value().contains(cart)).toList(), messages -> !messages.isEmpty());
        assertThat(published).hasSize(1);
        assertThat(published.getFirst().key()).isEqualTo(user.userId());
        var payload = json.readTree(published.getFirst().value()).path("payload");
        assertThat(payload.path("subtotal").decimalValue()).isEqualByComparingTo("8.00");
        assertThat(payload.path("lines").get(0).path("product_id").asString()).isEqualTo(widget);
    }

    private void lastChanged(String cartId, Instant at) {
        jdbc.sql("update cart.carts set updated_at = :at where cart_id = :id")
                .param("at", Timestamp.from(at)).param("id", cartId).update();
    }

    private long outboxRowsAbout(String cartId) {
        return jdbc.sql("select count(*) from cart.outbox where event_type = 'CartAbandoned' and envelope like :cart")
                .param("cart", "%" + cartId + "%").query(Long.class).single();
    }
}
