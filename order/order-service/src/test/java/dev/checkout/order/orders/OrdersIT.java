package dev.checkout.order.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.checkout.order.OrderTestApplication;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.testing.CheckoutIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The orders' SQL against the real PostgreSQL: an order is written with its lines and history and read back whole,
 * a change is saved with the history it adds, and a customer's orders are listed newest first. Each test places its
 * orders for a user of its own, so other tests' rows never count.
 */
@CheckoutIntegrationTest(classes = OrderTestApplication.class)
class OrdersIT {

    @Autowired
    Orders orders;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aPlacedOrderIsReadBackWithItsCustomersAddressLinesTotalsShippingAddressAndHistory() {
        Order placed = OrderMother.pendingOrder(Ids.newId("order"), Ids.newId("user"), now());
        Orders.StatusChange pending = new Orders.StatusChange(null, "PENDING", null, placed.createdAt());

        transactions.executeWithoutResult(status -> orders.insert(placed, List.of(pending)));

        Order read = orders.find(placed.orderId()).orElseThrow();
        assertThat(read.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(read.userId()).isEqualTo(placed.userId());
        assertThat(read.customerEmail()).isEqualTo("ada@example.com");
        assertThat(read.lines()).isEqualTo(placed.lines());
        assertThat(read.totals().total()).isEqualByComparingTo(new BigDecimal("19.98"));
        assertThat(read.totals().currency()).isEqualTo("USD");
        assertThat(read.shippingAddress()).isEqualTo(placed.shippingAddress());
        assertThat(orders.history(placed.orderId())).containsExactly(pending);
    }

    @Test
    void aFailedOrderIsSavedWithItsReasonAndTheHistoryItAdds() {
        Order placed = OrderMother.pendingOrder(Ids.newId("order"), Ids.newId("user"), now());
        transactions.executeWithoutResult(status -> orders.insert(placed, List.of(new Orders.StatusChange(null, "PENDING", null, placed.createdAt()))));
        Instant failedAt = placed.createdAt().plusSeconds(3);

        transactions.executeWithoutResult(status -> {
            Order order = orders.lock(placed.orderId()).orElseThrow();
            order.fail("payment_declined", failedAt);
            orders.update(order, List.of(new Orders.StatusChange("PENDING", "FAILED", "payment_declined", failedAt)));
        });

        Orders.Standing standing = orders.standing(placed.orderId()).orElseThrow();
        assertThat(standing.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(standing.failureReason()).isEqualTo("payment_declined");
        assertThat(standing.statusChangedAt()).isEqualTo(failedAt);
        assertThat(orders.history(placed.orderId())).extracting(Orders.StatusChange::to).containsExactly("PENDING", "FAILED");
    }

    @Test
    void aCustomersOrdersAreListedNewestFirstAndCountedByStatus() {
        String user = Ids.newId("user");
        Order older = OrderMother.pendingOrder(Ids.newId("order"), user, now().minusSeconds(60));
        Order newer = OrderMother.pendingOrder(Ids.newId("order"), user, now());
        transactions.executeWithoutResult(status -> {
            orders.insert(older, List.of());
            orders.insert(newer, List.of());
        });

        List<Orders.Summary> listed = orders.list(user, null, 10, 0);

        assertThat(listed).extracting(Orders.Summary::orderId).containsExactly(newer.orderId(), older.orderId());
        assertThat(listed.getFirst().itemCount()).isEqualTo(2);
        assertThat(orders.count(user, "PENDING")).isEqualTo(2);
        assertThat(orders.count(user, "CONFIRMED")).isZero();
        assertThat(orders.findAll(List.of(older.orderId(), newer.orderId(), "order_absent"))).hasSize(2);
    }

    /** PostgreSQL keeps microseconds; an instant with nanoseconds would not come back equal. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
