package dev.checkout.inventory;

import static dev.checkout.inventory.StockFixtures.orderOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Once Redis knows a product is sold out, buyers are turned away there: PostgreSQL's stock rows never see them. */
class SoldOutIT extends InventoryIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void refusalsOfASoldOutProductNeverWaitForItsStockRow() throws Exception {
        String product = stock.productWith(5);
        assertThat(reservations.reserve(orderOf(product, 5)).status()).isEqualTo(Reservation.Status.PENDING);
        CountDownLatch rowLocked = new CountDownLatch(1);
        CountDownLatch refusalsDone = new CountDownLatch(1);
        // Another transaction holds the product's stock row: anything that reached PostgreSQL's stock would wait for it.
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        Future<?> locker = threads.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.sql("select stock_id from inventory.stock where product_id = :product for update").param("product", product)
                    .query(Long.class).list();
            rowLocked.countDown();
            await(refusalsDone);
        }));
        await(rowLocked);

        Future<List<Reservation>> refusals = threads.submit(() -> Concurrently.run(50, i -> reservations.reserve(orderOf(product, 1))));

        // A bound for a deadlock, not a speed target: were they waiting for the row, they would wait forever.
        List<Reservation> outcomes = refusals.get(30, TimeUnit.SECONDS);
        refusalsDone.countDown();
        locker.get(30, TimeUnit.SECONDS);
        threads.close();
        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(Reservation.Status.REJECTED);
            assertThat(outcome.shortfalls()).singleElement().satisfies(s -> assertThat(s.available()).isZero());
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gave up waiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
