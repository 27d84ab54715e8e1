package dev.checkout.inventory;

import static dev.checkout.inventory.StockFixtures.line;
import static dev.checkout.inventory.StockFixtures.orderOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.checkout.inventory.StockFixtures.Levels;
import dev.checkout.inventory.api.ReserveStock;
import org.junit.jupiter.api.Test;

/** Units of a confirmed sale coming back in returns: once per return, never beyond what was sold, in both stores. */
class ReturnedItemsIT extends InventoryIntegrationTest {

    @Test
    void aReturnAskedTwicePutsItsUnitsBackOnceAndLaterReturnsOnlyWhatIsLeft() {
        String product = stock.productWith(10);
        ReserveStock order = orderOf(product, 3);
        reservations.reserve(order);
        reservations.confirm(order.ownerId());
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(7, 0, 7));

        int first = reservations.restockItems(order.ownerId(), "ret_1", List.of(line(product, 2)));
        int again = reservations.restockItems(order.ownerId(), "ret_1", List.of(line(product, 2)));
        int beyond = reservations.restockItems(order.ownerId(), "ret_2", List.of(line(product, 5)));

        assertThat(first).isEqualTo(2);
        assertThat(again).isEqualTo(2);
        assertThat(beyond).isEqualTo(1);
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(10, 0, 10));
        assertThat(stock.inRedis(product)).isEqualTo(10);
    }

    @Test
    void nothingComesBackForAnOwnerWithoutAConfirmedSale() {
        String product = stock.productWith(5);
        ReserveStock order = orderOf(product, 2);
        reservations.reserve(order);

        assertThat(reservations.restockItems(order.ownerId(), "ret_3", List.of(line(product, 2)))).isZero();
        assertThat(reservations.restockItems("order_never_placed", "ret_4", List.of(line(product, 1)))).isZero();
        assertThat(stock.inPostgres(product)).isEqualTo(new Levels(5, 2, 3));
    }
}
