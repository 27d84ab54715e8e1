package dev.checkout.inventory;

import static dev.checkout.inventory.StockFixtures.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
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
 * The reservation reconciliation's repair beside a command batch, in the interleaving that deadlocked the expiry job:
 * the batch already holds a product's stock row (an earlier command reserved from it) when the job starts releasing an
 * orphaned reservation of that product, and a later command of the batch then asks for that reservation's row. When
 * the job locked the reservation first (as {@code release} does), the two waited for each other; now the job takes the
 * stock rows first, so both finish and the orphan's units are freed once.
 */
class ReconciliationBesideCommandBatchIT extends InventoryIntegrationTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theReconciliationWaitsForTheBatchInsteadOfDeadlockingWithIt() throws Exception {
        String product = stock.productWith(10);
        ReserveStock orphan = orderOf(product, 2);
        reservations.reserve(orphan);
        ReserveStock buyer = orderOf(product, 1);

        try (ExecutorService job = Executors.newSingleThreadExecutor()) {
            Future<Optional<Reservation.Outcome>> repair = new TransactionTemplate(transactions).execute(batch -> {
                reservations.reserve(buyer); // the batch now holds the product's stock row
                Future<Optional<Reservation.Outcome>> running = job.submit(
                        () -> reservations.repair(orphan.ownerId(), StockReservations.Repair.RELEASE));
                await("the reconciliation waiting for the batch").atMost(Duration.ofSeconds(10)).until(stock::aBackendWaitsForARowLock);
                reservations.release(orphan.ownerId(), "order_failed"); // the batch asks for the orphan's reservation row
                return running;
            });

            // A deadlock would have aborted one of the two; the batch released the orphan first, so the repair finds
            // nothing left to do.
            assertThat(repair.get(30, TimeUnit.SECONDS)).isEmpty();
        }

        assertThat(reservations.find(orphan.ownerId())).get().extracting(Reservation::status).isEqualTo(Reservation.Status.RELEASED);
        assertThat(reservations.find(buyer.ownerId())).get().extracting(Reservation::status).isEqualTo(Reservation.Status.PENDING);
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(10, 1, 9));
        assertThat(stock.inRedis(product)).isEqualTo(9);
    }

    @Test
    void aRepairReleasesAnOrphanAndConfirmsAConfirmedOrdersReservationOnce() {
        String product = stock.productWith(10);
        ReserveStock orphan = orderOf(product, 2);
        ReserveStock confirmed = orderOf(product, 3);
        reservations.reserve(orphan);
        reservations.reserve(confirmed);

        assertThat(reservations.repair(orphan.ownerId(), StockReservations.Repair.RELEASE)).contains(Reservation.Outcome.DONE);
        assertThat(reservations.repair(confirmed.ownerId(), StockReservations.Repair.CONFIRM)).contains(Reservation.Outcome.DONE);
        assertThat(reservations.repair(orphan.ownerId(), StockReservations.Repair.RELEASE)).isEmpty();
        assertThat(reservations.repair(confirmed.ownerId(), StockReservations.Repair.CONFIRM)).isEmpty();

        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(7, 0, 7));
        assertThat(stock.inRedis(product)).isEqualTo(7);
    }
}
