package dev.checkout.inventory;

import static dev.checkout.inventory.StockFixtures.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import dev.checkout.inventory.StockFixtures.Levels;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** With Redis gone, reservations go to PostgreSQL's conditional updates alone: still exact. Back to Redis after. */
class RedisOutageIT extends InventoryIntegrationTest {

    @Autowired
    GateReconciliation reconciliation;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void redisBack() {
        if (!GateRedisServer.isRunning()) {
            GateRedisServer.start();
        }
    }

    @Test
    void withRedisStoppedReservationsGoThroughPostgresExactlyAndReturnToRedisWhenItIsBack() {
        String product = stock.productWith(100);
        reconciliation.load(List.of(new CounterKey(product, null)));
        GateRedisServer.stop();

        List<Reservation> outcomes = Concurrently.run(300, i -> reservations.reserve(orderOf(product, 1)));
        List<Reservation> accepted = outcomes.stream().filter(r -> r.status() == Reservation.Status.PENDING).toList();
        accepted.subList(0, 10).forEach(r -> reservations.release(r.ownerId(), "order_failed"));

        assertThat(accepted).hasSize(100);
        assertThat(gate.isTrusted()).isFalse();
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(100, 90, 10));

        GateRedisServer.start();
        await("the gate trusted again").atMost(Duration.ofSeconds(30)).until(gate::isTrusted);
        // Redis kept its data (100 units) through the restart; the gate reconciled it before deciding again.
        assertThat(stock.inRedis(product)).isEqualTo(10);

        double heldBefore = decisions("held");
        Reservation afterwards = reservations.reserve(orderOf(product, 4));
        assertThat(afterwards.status()).isEqualTo(Reservation.Status.PENDING);
        assertThat(decisions("held")).isEqualTo(heldBefore + 1);
        assertThat(stock.inRedis(product)).isEqualTo(6);
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(100, 94, 6));
    }

    private double decisions(String verdict) {
        return meters.get("checkout.inventory.gate.decisions").tag("verdict", verdict).counter().count();
    }
}
