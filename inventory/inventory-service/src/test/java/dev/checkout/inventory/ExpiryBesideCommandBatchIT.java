package dev.checkout.inventory;

import static dev.checkout.inventory.StockFixtures.line;
import static dev.checkout.inventory.StockFixtures.orderOf;
import static dev.checkout.inventory.StockFixtures.orderUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.checkout.inventory.StockFixtures.Levels;
import dev.checkout.inventory.api.ReserveStock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reservation-expiry job beside a command batch, in the shape a flash sale gives them: the batch already holds a
 * product's stock row (an earlier command reserved from it) when a later command asks for the row of a reservation
 * that is due. Both finish, and the due reservation's units are freed once.
 */
class ExpiryBesideCommandBatchIT extends InventoryIntegrationTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theExpiryJobWaitsForTheBatchInsteadOfDeadlockingWithIt() throws Exception {
        String product = stock.productWith(10);
        ReserveStock due = orderUntil(Instant.now().plus(Duration.ofMinutes(5)), line(product, 2));
        reservations.reserve(due);
        Instant afterDue = due.expiresAt().plusMillis(1); // the scheduled job, on the real clock, leaves it alone
        ReserveStock buyer = orderOf(product, 1);

        try (ExecutorService job = Executors.newSingleThreadExecutor()) {
            Future<Integer> expiry = new TransactionTemplate(transactions).execute(batch -> {
                reservations.reserve(buyer); // the batch now holds the product's stock row
                Future<Integer> running = job.submit(() -> reservations.expireDue(afterDue, 200));
                await("the expiry job waiting for the batch").atMost(Duration.ofSeconds(10)).until(stock::aBackendWaitsForARowLock);
                reservations.release(due.ownerId(), "order_failed"); // the batch asks for the due reservation's row
                return running;
            });

            expiry.get(30, TimeUnit.SECONDS); // a deadlock would have aborted one of the two
        }

        assertThat(reservations.find(due.ownerId())).get().extracting(Reservation::status).isEqualTo(Reservation.Status.RELEASED);
        assertThat(reservations.find(buyer.ownerId())).get().extracting(Reservation::status).isEqualTo(Reservation.Status.PENDING);
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(10, 1, 9));
        assertThat(stock.inRedis(product)).isEqualTo(9);
    }
}
