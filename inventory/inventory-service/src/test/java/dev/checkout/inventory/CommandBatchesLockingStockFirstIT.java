package dev.checkout.inventory;

import static dev.checkout.inventory.StockFixtures.line;
import static dev.checkout.inventory.StockFixtures.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.checkout.inventory.StockFixtures.Levels;
import dev.checkout.inventory.api.StockLine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two command batches at once (inventory's listener runs several consumers) whose commands reserve the same two
 * products in opposite orders: each batch locks the stock rows its commands may touch first, in one order, so the
 * second waits for the first instead of each holding a row the other wants (a deadlock that cost a second and the
 * batch's re-run one command at a time).
 */
class CommandBatchesLockingStockFirstIT extends InventoryIntegrationTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void twoBatchesReservingTheSameProductsInOppositeOrdersBothFinishWithoutADeadlock() throws Exception {
        String first = stock.productWith(10);
        String second = stock.productWith(10);
        List<StockLine> bothProducts = List.of(line(first, 1), line(second, 1));

        try (ExecutorService other = Executors.newSingleThreadExecutor()) {
            Future<?> otherBatch = new TransactionTemplate(transactions).execute(batch -> {
                reservations.lockStockOf(List.of(), bothProducts);
                reservations.reserve(orderOf(second, 1));
                Future<?> running = other.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(otherTransaction -> {
                    reservations.lockStockOf(List.of(), bothProducts);
                    reservations.reserve(orderOf(first, 1));
                    reservations.reserve(orderOf(second, 1));
                }));
                await("the other batch waiting for this one").atMost(Duration.ofSeconds(10)).until(stock::aBackendWaitsForARowLock);
                reservations.reserve(orderOf(first, 1));
                return running;
            });

            otherBatch.get(30, TimeUnit.SECONDS); // a deadlock would have aborted one of the two
        }

        assertThat(stock.inPostgres(first)).isEqualTo(new Levels(10, 2, 8));
        assertThat(stock.inPostgres(second)).isEqualTo(new Levels(10, 2, 8));
    }

    @Test
    void aBatchLocksTheStockOfItsOwnersReservationsAsWellAsOfTheProductsItReserves() throws Exception {
        String reserved = stock.productWith(10);
        String wanted = stock.productWith(10);
        var held = orderOf(reserved, 2);
        reservations.reserve(held);

        try (ExecutorService other = Executors.newSingleThreadExecutor()) {
            Future<?> confirmation = new TransactionTemplate(transactions).execute(batch -> {
                reservations.lockStockOf(List.of(held.ownerId()), List.of(line(wanted, 1)));
                Future<?> running = other.submit(() -> reservations.confirm(held.ownerId()));
                await("a confirmation waiting for the batch's lock on the reserved product").atMost(Duration.ofSeconds(10))
                        .until(stock::aBackendWaitsForARowLock);
                return running;
            });

            confirmation.get(30, TimeUnit.SECONDS);
        }

        assertThat(stock.inPostgres(reserved)).isEqualTo(new Levels(8, 0, 8));
    }
}
