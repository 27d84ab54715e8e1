package dev.checkout.order.flashsale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.checkout.order.OrderTestApplication;
import dev.checkout.order.checkout.Checkout;
import dev.checkout.order.checkout.CheckoutExpiry;
import dev.checkout.order.checkout.Checkouts;
import dev.checkout.order.orders.Order;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.testing.CheckoutIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The sales' SQL against the real PostgreSQL, where it matters how its locks meet. */
@CheckoutIntegrationTest(classes = OrderTestApplication.class)
class FlashSalesIT {

    @Autowired
    FlashSales sales;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Checkouts checkouts;

    @Autowired
    CheckoutExpiry expiry;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aLetGoHoldsUnitsStayHeldUntilInventorySaysTheyAreBack() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // Over already: the servers are shared by the run, and a live sale's failed hold would send its ticket round the
        // queue of any admission running later (the end-to-end tests'), for a product no inventory has.
        FlashSale sale = new FlashSale(Ids.newId(FlashSale.ID_TYPE), "prod_1", null, 10, new BigDecimal("9.99"), "USD", "Widget",
                now.minus(Duration.ofMinutes(10)), now.minusSeconds(1), 2);
        FlashSales.Ticket ticket = new FlashSales.Ticket(Ids.newId(FlashSales.TICKET_ID_TYPE), sale.flashSaleId(), Ids.newId("user"), 2, 0.5,
                null, null, now);
        // A hold admitted two minutes ago that inventory never answered: past its one-minute wait.
        Instant admitted = now.minus(Duration.ofMinutes(2));
        Checkout hold = Checkout.openHold(Ids.newId(Checkout.ID_TYPE), ticket.userId(), ticket.ticketId(),
                List.of(new Order.Line("prod_1", null, "Widget", 2, sale.salePrice())),
                new Order.Totals(new BigDecimal("19.98"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("19.98"), "USD"),
                admitted, Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(10));
        transactions.executeWithoutResult(status -> {
            sales.add(sale);
            sales.addOrFind(ticket);
            checkouts.addUnlessCartHasOneOpen(hold);
            sales.admit(ticket.ticketId(), hold.checkoutId(), Ids.newId("fpt"), 2);
        });
        assertThat(sales.standing(sale.flashSaleId()).held()).as("waiting for inventory").isEqualTo(2);

        assertThat(expiry.expireIfOverdue(hold.checkoutId())).isTrue();
        assertThat(sales.standing(sale.flashSaleId()).held()).as("let go, inventory may not have taken the release yet").isEqualTo(2);

        // What CheckoutReplies records when inventory answers the release (end to end: FlashSaleIT's lapsed token).
        jdbc.sql("update orders.checkouts set stock_releasing = false where checkout_id = :id").param("id", hold.checkoutId()).update();
        assertThat(sales.standing(sale.flashSaleId()).held()).as("back in inventory").isZero();
    }

    @Test
    void refusedHoldsWaitAgainSayingWhatInventoryHadAndTheSalesCapOnlyGoesDown() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // Over already, as above: nothing may admit these tickets again.
        FlashSale sale = new FlashSale(Ids.newId(FlashSale.ID_TYPE), "prod_1", null, 10, new BigDecimal("9.99"), "USD", "Widget",
                now.minus(Duration.ofMinutes(10)), now.minusSeconds(1), 1);
        transactions.executeWithoutResult(status -> sales.add(sale));
        String refusedForStock = heldTicket(sale, now);
        String neverAnswered = heldTicket(sale, now);
        jdbc.sql("""
                        update orders.checkouts set status = 'FAILED', failed_items = '[{"product_id":"prod_1","requested":1,"available":3}]'::jsonb
                        where checkout_id = (select checkout_id from orders.flash_sale_tickets where ticket_id = :id)""")
                .param("id", refusedForStock).update();
        jdbc.sql("""
                        update orders.checkouts set status = 'FAILED', failed_items = '[]'::jsonb
                        where checkout_id = (select checkout_id from orders.flash_sale_tickets where ticket_id = :id)""")
                .param("id", neverAnswered).update();

        List<FlashSales.Refused> refused = transactions.execute(status -> sales.takeBackRefused(sale.flashSaleId()));

        assertThat(refused).extracting(r -> r.ticket().ticketId(), FlashSales.Refused::inventoryHad)
                .containsExactlyInAnyOrder(tuple(refusedForStock, 3), tuple(neverAnswered, null));
        assertThat(refused).allMatch(r -> r.ticket().checkoutId() == null, "waiting again");
        assertThat(sales.standing(sale.flashSaleId()).stockCap()).isNull();
        sales.capStock(sale.flashSaleId(), 6);
        sales.capStock(sale.flashSaleId(), 8);
        assertThat(sales.standing(sale.flashSaleId()).stockCap()).isEqualTo(6);
        sales.capStock(sale.flashSaleId(), 4);
        assertThat(sales.standing(sale.flashSaleId()).stockCap()).isEqualTo(4);
    }

    /** A ticket of the sale holding one unit under a hold waiting for inventory; returns the ticket's id. */
    private String heldTicket(FlashSale sale, Instant now) {
        FlashSales.Ticket ticket = new FlashSales.Ticket(Ids.newId(FlashSales.TICKET_ID_TYPE), sale.flashSaleId(), Ids.newId("user"), 1, 0.5,
                null, null, now);
        Checkout hold = Checkout.openHold(Ids.newId(Checkout.ID_TYPE), ticket.userId(), ticket.ticketId(),
                List.of(new Order.Line("prod_1", null, "Widget", 1, sale.salePrice())),
                new Order.Totals(sale.salePrice(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, sale.salePrice(), "USD"),
                now, Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(10));
        transactions.executeWithoutResult(status -> {
            sales.addOrFind(ticket);
            checkouts.addUnlessCartHasOneOpen(hold);
            sales.admit(ticket.ticketId(), hold.checkoutId(), Ids.newId("fpt"), 1);
        });
        return ticket.ticketId();
    }

    @Test
    void aCustomerJoinsAtOnceWhileAnAdmissionRoundHoldsTheSalesLock() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        FlashSale sale = new FlashSale(Ids.newId(FlashSale.ID_TYPE), "prod_1", null, 10, new BigDecimal("9.99"), "USD", "Widget", now,
                now.plus(Duration.ofMinutes(10)), 1);
        transactions.executeWithoutResult(status -> sales.add(sale));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch roundMayEnd = new CountDownLatch(1);
        // Threads of its own: the common pool may have a single thread on a small machine, which the round would hold.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<Void> round = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            sales.lock(sale.flashSaleId()).orElseThrow();
            locked.countDown();
            try {
                roundMayEnd.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), threads);
        try {
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
            String userId = Ids.newId("user");
            CompletableFuture<FlashSales.Ticket> joined = CompletableFuture.supplyAsync(() -> transactions.execute(status ->
                    sales.addOrFind(new FlashSales.Ticket(Ids.newId(FlashSales.TICKET_ID_TYPE), sale.flashSaleId(), userId, 1, 0.5, null, null, now))),
                    threads);
            // With the round's lock blocking the ticket's foreign key, this would wait until the round ends.
            assertThat(joined.get(10, TimeUnit.SECONDS).userId()).as("joined while the round holds the sale").isEqualTo(userId);
            assertThat(round).isNotDone();
        } finally {
            roundMayEnd.countDown();
            round.get(30, TimeUnit.SECONDS);
            threads.shutdown();
        }
    }
}
